import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  dist,
  exitCodeOf,
  parseRun,
  renderJson,
  renderSvg,
  renderTable,
  replayCommand,
  summarize,
  writeReport,
} from '../../chaos/report.ts';
import type { Anomaly, ChaosRun, FaultRecord, Sample } from '../../chaos/run-model.ts';
import { bucketize, MAX_BUCKETS } from '../../chaos/timeline-buckets.ts';

function samples(durationMs: number, sampleMs: number, at?: (t: number) => Partial<Sample>): Sample[] {
  const out: Sample[] = [];
  for (let t = sampleMs; t <= durationMs; t += sampleMs) {
    out.push({ t, writesOk: 100, writesFailed: 0, vipOk: 40, vipFailed: 0, replicasReady: 6, pods: 6, ...at?.(t) });
  }
  return out;
}

function fault(type: FaultRecord['type'], at: number, recoveryMs: number | undefined, extra: Partial<FaultRecord> = {}): FaultRecord {
  return {
    type,
    target: 'master-1',
    at,
    healedAt: at + 1000,
    recoveredAt: recoveryMs === undefined ? undefined : at + recoveryMs,
    writeUnavailableMs: 0,
    vipErrorMs: 0,
    ...extra,
  };
}

function run(over: Partial<ChaosRun> = {}): ChaosRun {
  return {
    seed: 77,
    masters: 5,
    agents: 3,
    durationMs: 600_000,
    startedAt: '2025-06-01T10:00:00.000Z',
    faultTypes: ['kill-leader', 'partition-leader'],
    broken: [],
    sampleMs: 1000,
    faults: [fault('kill-leader', 10_000, 400, { writeUnavailableMs: 250 }), fault('partition-leader', 40_000, 900, { writeUnavailableMs: 700 })],
    samples: samples(600_000, 1000),
    anomalies: [],
    totals: { writesOk: 60_000, writesFailed: 3, readsOk: 30_000, watchEvents: 60_000, vipOk: 24_000, vipFailed: 0 },
    replicas: 6,
    maxSurge: 2,
    unsupported: [],
    ...over,
  };
}

const anomalies: Anomaly[] = [
  { kind: 'lost-write', at: 41_200, detail: 'key k/9 = "v88" acknowledged at rev 1834, absent at the end' },
  { kind: 'watch-gap', detail: 'watcher 2: revision 1835 followed by 1838' },
];

/** Every element of the parsed tree whose class attribute is `cls`. */
function byClass(node: unknown, cls: string, found: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const x of node) byClass(x, cls, found);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o['@_class'] === cls) found.push(o);
    for (const [k, v] of Object.entries(o)) if (!k.startsWith('@_')) byClass(v, cls, found);
  }
  return found;
}

function parseSvg(svg: string): unknown {
  expect(XMLValidator.validate(svg)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (_name, _path, _leaf, isAttribute) => !isAttribute }).parse(svg);
  expect(doc.svg).toHaveLength(1);
  return doc;
}

describe('summarize', () => {
  it('takes nearest-rank percentiles of recovery, write unavailability and VIP error window', () => {
    // recovery 1..100 ms: nearest rank gives p50 = 50, p99 = 99
    const faults = Array.from({ length: 100 }, (_, i) =>
      fault('kill-leader', 1000 * i, i + 1, { writeUnavailableMs: 100 - i, vipErrorMs: i % 2 === 0 ? 10 : 30 }),
    );
    const s = summarize(run({ faultTypes: ['kill-leader'], faults }));
    expect(s.byType).toHaveLength(1);
    expect(s.byType[0].recoveryMs).toEqual({ n: 100, p50: 50, p99: 99, max: 100 });
    expect(s.byType[0].writeUnavailableMs).toEqual({ n: 100, p50: 50, p99: 99, max: 100 });
    expect(s.byType[0].vipErrorMs).toEqual({ n: 100, p50: 10, p99: 30, max: 30 });
  });

  it('sorts before ranking and handles small and empty samples', () => {
    expect(dist([300, 100, 200])).toEqual({ n: 3, p50: 200, p99: 300, max: 300 });
    expect(dist([7])).toEqual({ n: 1, p50: 7, p99: 7, max: 7 });
    expect(dist([])).toEqual({ n: 0, p50: null, p99: null, max: null });
  });

  it('counts faults that did not recover and leaves them out of the recovery times', () => {
    const s = summarize(
      run({
        faults: [fault('kill-leader', 1000, 500), fault('kill-leader', 5000, undefined), fault('kill-agent-host', 9000, 2000)],
      }),
    );
    const leader = s.byType.find((t) => t.type === 'kill-leader')!;
    expect(leader.count).toBe(2);
    expect(leader.notRecovered).toBe(1);
    expect(leader.recoveryMs).toEqual({ n: 1, p50: 500, p99: 500, max: 500 });
    // enabled but never injected: a row of nothing; injected but not listed as enabled: appended
    expect(s.byType.map((t) => [t.type, t.count])).toEqual([
      ['kill-leader', 2],
      ['partition-leader', 0],
      ['kill-agent-host', 1],
    ]);
    expect(s.byType[1].recoveryMs.p50).toBeNull();
    expect(s.total.count).toBe(3);
    expect(s.total.notRecovered).toBe(1);
    expect(s.total.recoveryMs).toEqual({ n: 2, p50: 500, p99: 2000, max: 2000 });
    expect(s.exitCode).toBe(1);
  });

  it('counts anomalies by kind', () => {
    const s = summarize(run({ anomalies: [...anomalies, { kind: 'lost-write', detail: 'another' }] }));
    expect(s.anomalies).toEqual({ count: 3, byKind: { 'lost-write': 2, 'watch-gap': 1 } });
  });
});

describe('exit code and table', () => {
  it('a clean run says "anomalies: 0" and exits 0', () => {
    const r = run();
    expect(exitCodeOf(r)).toBe(0);
    const table = renderTable(r);
    expect(table.split('\n')).toContain('anomalies: 0');
    expect(table).not.toContain('replay');
    expect(table).toMatch(/^kill-leader\s+1\s+0\s+400\s+400\s+400\s+250\s+250\s+250\s+0\s+0\s+0$/m);
    expect(table).toMatch(/^all faults\s+2\s+0\s+400\s+900\s+900\s+250\s+700\s+700/m);
  });

  it('a run with anomalies exits non-zero and names the seed, each anomaly and the replay command', () => {
    const r = run({ anomalies });
    expect(exitCodeOf(r)).not.toBe(0);
    const table = renderTable(r);
    expect(table).not.toContain('anomalies: 0');
    expect(table).toContain('ANOMALIES: 2 (lost-write 1, watch-gap 1)');
    expect(table).toMatch(/41\.200 s\s+lost-write\s+key k\/9/);
    expect(table).toMatch(/\?\s+watch-gap\s+watcher 2/);
    expect(table).toContain('seed 77');
    const cmd = 'npm run chaos -- --seed 77 --masters 5 --agents 3 --duration 600 --faults kill-leader,partition-leader';
    expect(replayCommand(r)).toBe(cmd);
    expect(table).toContain(cmd);
  });

  it('a fault that never recovered fails the run even without an anomaly record', () => {
    const r = run({ faults: [fault('kill-agent-host', 3000, undefined, { target: 'agent-2' })] });
    expect(exitCodeOf(r)).toBe(1);
    const table = renderTable(r);
    expect(table).toContain('anomalies: 0');
    expect(table).toMatch(/NOT RECOVERED: 1 fault\n\s+3\.000 s\s+kill-agent-host\s+agent-2/);
    expect(table).toContain('replay with');
  });

  it('a test-mode run replays with the same breakage', () => {
    expect(replayCommand(run({ broken: ['stale-reads'], durationMs: 90_500 }))).toBe(
      'npm run chaos -- --seed 77 --masters 5 --agents 3 --duration 90.5 --faults kill-leader,partition-leader --break stale-reads',
    );
  });
});

describe('renderSvg', () => {
  it('is well-formed XML with one marker per fault and per anomaly', () => {
    const r = run({ anomalies });
    const doc = parseSvg(renderSvg(r));
    expect(byClass(doc, 'fault')).toHaveLength(r.faults.length);
    expect(byClass(doc, 'anomaly')).toHaveLength(anomalies.length);
    expect(byClass(doc, 'title')).toHaveLength(1);
    expect(JSON.stringify(byClass(doc, 'title'))).toContain('seed 77, 5 masters, 3 agents, 600 s');
    // each line once in the panel and once in the legend
    const drawn = (cls: string): number => byClass(doc, cls).filter((e) => '@_d' in (e as object) || '@_y1' in (e as object)).length;
    expect(drawn('ready')).toBe(2);
    expect(drawn('declared')).toBe(2);
    expect(drawn('limit')).toBe(2);
  });

  it('escapes whatever the records carry', () => {
    const nasty = 'a <b> & "c" \'d\' \u0001 ]]>';
    const r = run({
      faults: [fault('kill-leader', 1000, 100, { target: nasty, note: nasty })],
      anomalies: [{ kind: 'harness-error', at: 2000, detail: nasty }],
      broken: [nasty],
      unsupported: [nasty],
    });
    const doc = parseSvg(renderSvg(r));
    expect(byClass(doc, 'fault')).toHaveLength(1);
    expect(byClass(doc, 'anomaly')).toHaveLength(1);
  });

  it('draws a run without samples, workload or faults', () => {
    const doc = parseSvg(renderSvg(run({ agents: 0, replicas: 0, maxSurge: undefined, samples: [], faults: [], faultTypes: [] })));
    expect(byClass(doc, 'fault')).toHaveLength(0);
    expect(byClass(doc, 'limit')).toHaveLength(0);
    expect(JSON.stringify(doc)).toContain('no workload in this run');
  });

  it('merges the samples of a long run into a bounded number of buckets', () => {
    const hour = 3_600_000;
    const dip = (t: number): boolean => t > 600_000 && t <= 600_300;
    const long = samples(hour, 100, (t) => ({ writesOk: dip(t) ? 0 : 100, replicasReady: dip(t) ? 3 : 6 }));
    expect(long).toHaveLength(36_000);
    const buckets = bucketize(long, 100, hour);
    expect(buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
    // a dip inside a bucket survives the merge
    expect(Math.min(...buckets.map((b) => b.minReady))).toBe(3);
    // rates are per second: 100 writes per 100 ms is 1000/s
    expect(Math.max(...buckets.map((b) => b.writesOkRate))).toBe(1000);
    expect(Math.min(...buckets.map((b) => b.writesOkRate))).toBe(950);
    const svg = renderSvg(run({ durationMs: hour, sampleMs: 100, samples: long }));
    parseSvg(svg);
    expect(svg.length).toBeLessThan(200_000);
  });
});

describe('renderJson', () => {
  it('round-trips the run and carries the summary', () => {
    const r = run({ anomalies });
    const text = renderJson(r);
    const parsed = JSON.parse(text);
    expect(parsed.summary).toEqual(JSON.parse(JSON.stringify(summarize(r))));
    // undefined fields (a fault never recovered) are absent in JSON, as in the parsed record
    expect(parseRun(text)).toEqual(JSON.parse(JSON.stringify(r)));
    expect(parseRun(JSON.stringify(r))).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it('keeps a stable key order whatever order the record was built in', () => {
    const r = run({ anomalies });
    const reversed = (o: object): Record<string, unknown> => Object.fromEntries(Object.entries(o).reverse());
    const shuffled = {
      ...reversed({ ...r, faults: r.faults.map(reversed), samples: r.samples.map(reversed), totals: reversed(r.totals) }),
    } as unknown as ChaosRun;
    expect(renderJson(shuffled)).toBe(renderJson(r));
    expect(Object.keys(JSON.parse(renderJson(r)).run).slice(0, 3)).toEqual(['seed', 'masters', 'agents']);
  });

  it('rejects a file that is not a run', () => {
    expect(() => parseRun('{"hello": 1}', 'x.json')).toThrow(/x\.json: not a chaos run \(missing seed/);
  });
});

describe('the sample run and writeReport', () => {
  it('renders the committed sample run into report.json, report.svg and report.txt', async () => {
    const sample = parseRun(await readFile(new URL('../../chaos/fixtures/sample-run.json', import.meta.url), 'utf8'));
    expect(exitCodeOf(sample)).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'chaos-report-'));
    try {
      const paths = await writeReport(sample, dir);
      expect(await readFile(paths.txt, 'utf8')).toContain('anomalies: 0');
      expect(parseRun(await readFile(paths.json, 'utf8'))).toEqual(sample);
      const doc = parseSvg(await readFile(paths.svg, 'utf8'));
      expect(byClass(doc, 'fault')).toHaveLength(sample.faults.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
