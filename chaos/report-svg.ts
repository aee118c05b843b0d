// report.svg: the run as a timeline. Three panels share the time axis (KV writes, VIP requests,
// workload pods); faults are shaded from injection to heal across all of them, with a labelled
// lane above showing how long recovery took, and anomalies are red markers.

import { replayCommand } from './replay-command.ts';
import { summarize } from './report-summary.ts';
import type { Anomaly, ChaosRun, FaultRecord, FaultType } from './run-model.ts';
import { el, esc, fmtTick, n, ticks } from './svg-util.ts';
import { bucketize, type Bucket } from './timeline-buckets.ts';

/** Beyond these the picture would be a smear; the table and JSON still list everything. */
export const MAX_FAULT_MARKERS = 500;
export const MAX_ANOMALY_MARKERS = 200;

const WIDTH = 1100;
const LEFT = 78;
const RIGHT = 24;
const PANEL_H = 140;
const PANEL_GAP = 34;
const LANE_H = 14;
const MAX_LANES = 6;
const CHAR_W = 5.6; // average advance of 10 px sans-serif, to keep labels from overlapping
const BOLD_CHAR_W = 6.3;
/** The replay command is long; wrap it rather than run off the picture. */
const CMD_CHARS_PER_LINE = 160;

const OK = '#3a9a4a';
const FAILED = '#d8332a';
const READY = '#2f6fd0';
const PODS = '#8a5a9e';
const LIMIT = '#555';
const ANOMALY = '#e00000';

const FAULT_COLORS: Record<FaultType, string> = {
  'kill-leader': '#e07b00',
  'kill-follower': '#c9a100',
  'kill-scheduler-holder': '#a0522d',
  'kill-controller-holder': '#8b6914',
  'kill-agent-host': '#7b3fbf',
  'kill-container': '#9b59b6',
  'pause-master': '#1f8fa0',
  'partition-leader': '#d0417e',
  'partition-majority-minority': '#b03060',
  'one-way-loss': '#4060c0',
  'flapping-link': '#2a9d8f',
  'netem-latency': '#6a8a20',
  'disk-full': '#606060',
};
const faultColor = (t: string): string => FAULT_COLORS[t as FaultType] ?? '#808080';

interface Frame {
  x: (ms: number) => number;
  spanMs: number;
  plotRight: number;
}

function timeFrame(run: ChaosRun): Frame {
  const ends = [
    run.durationMs,
    ...run.samples.map((s) => s.t),
    ...run.faults.map((f) => Math.max(f.at, f.healedAt ?? 0, f.recoveredAt ?? 0)),
    ...run.anomalies.map((a) => a.at ?? 0),
  ];
  const spanMs = Math.max(1000, ...ends);
  const plotRight = WIDTH - RIGHT;
  return { spanMs, plotRight, x: (ms) => LEFT + (Math.min(Math.max(ms, 0), spanMs) / spanMs) * (plotRight - LEFT) };
}

/** Where a fault's label goes: after its start, or before it when it would run off the right. */
function labelExtent(fault: FaultRecord, f: Frame): { x0: number; x1: number; anchorEnd: boolean } {
  const x = f.x(fault.at);
  const w = fault.type.length * BOLD_CHAR_W + 4;
  return x + w > WIDTH - 4 ? { x0: x - w, x1: x, anchorEnd: true } : { x0: x, x1: x + w, anchorEnd: false };
}

/** Greedy lanes so fault labels do not overprint; past MAX_LANES a label shares the least-full lane. */
function assignLanes(faults: FaultRecord[], f: Frame): number[] {
  const laneEnd: number[] = [];
  return faults.map((fault) => {
    const { x0, x1: end } = labelExtent(fault, f);
    const x1 = end + 6;
    let lane = laneEnd.findIndex((e) => e <= x0);
    if (lane < 0 && laneEnd.length < MAX_LANES) lane = laneEnd.length;
    if (lane < 0) lane = laneEnd.indexOf(Math.min(...laneEnd));
    laneEnd[lane] = x1;
    return lane;
  });
}

function xAxis(f: Frame, top: number, bottom: number, labels: boolean): string {
  const t = ticks(f.spanMs / 1000, 12);
  const out: string[] = [];
  for (const v of t.values) {
    if (v * 1000 > f.spanMs + 1e-6) break;
    const x = f.x(v * 1000);
    out.push(el('line', { x1: x, x2: x, y1: top, y2: bottom, class: 'grid' }));
    if (labels) out.push(el('text', { x, y: bottom + 14, 'text-anchor': 'middle', class: 'tick' }, fmtTick(v)));
  }
  return out.join('');
}

function yAxis(top: number, max: number, integer: boolean, f: Frame): { svg: string; y: (v: number) => number } {
  const t = ticks(max, 4, integer);
  const y = (v: number): number => top + PANEL_H - (v / t.top) * PANEL_H;
  const out = t.values.map(
    (v) =>
      el('line', { x1: LEFT, x2: f.plotRight, y1: y(v), y2: y(v), class: 'grid' }) +
      el('text', { x: LEFT - 6, y: y(v) + 3.5, 'text-anchor': 'end', class: 'tick' }, fmtTick(v)),
  );
  return { svg: out.join(''), y };
}

function panelFrame(top: number, title: string, f: Frame, unit: string): string {
  return (
    el('text', { x: LEFT, y: top - 8, class: 'panel-title' }, esc(title)) +
    el('text', { transform: `translate(${n(LEFT - 48)},${n(top + PANEL_H / 2)}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-label' }, esc(unit)) +
    el('rect', { x: LEFT, y: top, width: f.plotRight - LEFT, height: PANEL_H, class: 'panel' })
  );
}

function emptyNote(top: number, f: Frame, text: string): string {
  return el('text', { x: (LEFT + f.plotRight) / 2, y: top + PANEL_H / 2, 'text-anchor': 'middle', class: 'note' }, esc(text));
}

/** Stacked bars: ok from the axis up, failed on top, so the bar height is the offered rate. */
function ratePanel(top: number, title: string, unit: string, buckets: Bucket[], ok: (b: Bucket) => number, failed: (b: Bucket) => number, f: Frame, emptyText: string): string {
  const max = Math.max(0, ...buckets.map((b) => ok(b) + failed(b)));
  let svg = panelFrame(top, title, f, unit);
  if (max === 0) return svg + xAxis(f, top, top + PANEL_H, false) + emptyNote(top, f, emptyText);
  const axis = yAxis(top, max, false, f);
  svg += axis.svg + xAxis(f, top, top + PANEL_H, false);
  return (
    svg +
    el('path', { d: bandPath(buckets, () => 0, ok, f.x, axis.y), fill: OK, class: 'band' }) +
    el('path', { d: bandPath(buckets, ok, (b) => ok(b) + failed(b), f.x, axis.y), fill: FAILED, class: 'band' })
  );
}

/** Consecutive buckets, split where samples are missing. */
function contiguous(buckets: Bucket[]): Bucket[][] {
  const runs: Bucket[][] = [];
  for (const b of buckets) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].end === b.start) last.push(b);
    else runs.push([b]);
  }
  return runs;
}

type Point = [number, number];

/** The corners of a step line, less the middle points of flat stretches (most of a healthy run). */
function steps(run: Bucket[], value: (b: Bucket) => number, x: (ms: number) => number, y: (v: number) => number): Point[] {
  const pts: Point[] = run.flatMap((b): Point[] => [
    [x(b.start), y(value(b))],
    [x(b.end), y(value(b))],
  ]);
  return pts.filter((p, i) => i === 0 || i === pts.length - 1 || !(pts[i - 1][1] === p[1] && pts[i + 1][1] === p[1]));
}

const polyline = (pts: Point[]): string => pts.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${n(px)} ${n(py)}`).join('');

/** A stepped area between lo and hi: one path rather than a rectangle per bucket. */
function bandPath(buckets: Bucket[], lo: (b: Bucket) => number, hi: (b: Bucket) => number, x: (ms: number) => number, y: (v: number) => number): string {
  return contiguous(buckets)
    .filter((run) => run.some((b) => hi(b) > lo(b)))
    .map((run) => polyline([...steps(run, hi, x, y), ...steps(run, lo, x, y).reverse()]) + 'Z')
    .join('');
}

/** A gap in the samples breaks the line rather than pretend the value held. */
function stepPath(buckets: Bucket[], value: (b: Bucket) => number, x: (ms: number) => number, y: (v: number) => number): string {
  return contiguous(buckets)
    .map((run) => polyline(steps(run, value, x, y)))
    .join('');
}

function replicaPanel(top: number, run: ChaosRun, buckets: Bucket[], f: Frame): string {
  const limit = run.maxSurge === undefined ? undefined : run.replicas + run.maxSurge;
  const max = Math.max(1, run.replicas, limit ?? 0, ...buckets.map((b) => b.maxPods)) + 1;
  let svg = panelFrame(top, 'Workload Deployment: pods', f, 'pods');
  if (run.replicas === 0 && buckets.every((b) => b.maxPods === 0)) {
    return svg + xAxis(f, top, top + PANEL_H, false) + emptyNote(top, f, 'no workload in this run (no agents)');
  }
  const axis = yAxis(top, max, true, f);
  svg += axis.svg + xAxis(f, top, top + PANEL_H, false);
  const hline = (v: number, cls: string): string => el('line', { x1: LEFT, x2: f.plotRight, y1: axis.y(v), y2: axis.y(v), class: cls });
  // pods wide and pale underneath, Ready on it, the declared count dashed over both: when all
  // three agree (most of a healthy run) each stays visible
  svg += el('path', { d: stepPath(buckets, (b) => b.maxPods, f.x, axis.y), class: 'pods' });
  svg += el('path', { d: stepPath(buckets, (b) => b.minReady, f.x, axis.y), class: 'ready' });
  svg += hline(run.replicas, 'declared');
  if (limit !== undefined) svg += hline(limit, 'limit');
  return svg;
}

function faultMarkers(faults: FaultRecord[], f: Frame, laneTop: number, panelsTop: number, panelsBottom: number): string {
  const shown = [...faults].sort((a, b) => a.at - b.at).slice(0, MAX_FAULT_MARKERS);
  const lanes = assignLanes(shown, f);
  return shown
    .map((fault, i) => {
      const color = faultColor(fault.type);
      const x0 = f.x(fault.at);
      const x1 = fault.healedAt === undefined ? x0 : f.x(fault.healedAt);
      const ly = laneTop + lanes[i] * LANE_H + LANE_H - 3;
      const tip =
        `${fault.type} on ${fault.target} at ${(fault.at / 1000).toFixed(3)} s` +
        (fault.healedAt === undefined ? '' : `, healed ${(fault.healedAt / 1000).toFixed(3)} s`) +
        (fault.recoveredAt === undefined ? ', NOT RECOVERED' : `, recovered in ${Math.round(fault.recoveredAt - fault.at)} ms`) +
        (fault.note ? ` (${fault.note})` : '');
      // a span too thin to see becomes a tick
      const band =
        x1 - x0 >= 2
          ? el('rect', { x: x0, y: panelsTop, width: x1 - x0, height: panelsBottom - panelsTop, fill: color, class: 'fault-span' })
          : el('line', { x1: x0, x2: x0, y1: panelsTop, y2: panelsBottom, stroke: color, class: 'fault-tick' });
      // the whisker runs to recovery; an unrecovered fault's runs to the end in red
      const rx = fault.recoveredAt === undefined ? f.plotRight : f.x(fault.recoveredAt);
      const whisker =
        el('line', { x1: x0, x2: rx, y1: ly + 2, y2: ly + 2, stroke: fault.recoveredAt === undefined ? ANOMALY : color, class: 'whisker' }) +
        el('line', { x1: rx, x2: rx, y1: ly - 1, y2: ly + 5, stroke: fault.recoveredAt === undefined ? ANOMALY : color, class: 'whisker' });
      const ext = labelExtent(fault, f);
      const label = ext.anchorEnd
        ? el('text', { x: x0 - 2, y: ly, fill: color, 'text-anchor': 'end', class: 'fault-label' }, esc(fault.type))
        : el('text', { x: x0 + 2, y: ly, fill: color, class: 'fault-label' }, esc(fault.type));
      return `<g class="fault" data-type="${esc(fault.type)}"><title>${esc(tip)}</title>${band}${whisker}${label}</g>`;
    })
    .join('');
}

function anomalyMarkers(anomalies: Anomaly[], f: Frame, markTop: number, panelsTop: number, panelsBottom: number): string {
  return anomalies
    .slice(0, MAX_ANOMALY_MARKERS)
    .map((a) => {
      const timed = a.at !== undefined;
      const x = timed ? f.x(a.at as number) : f.plotRight;
      const tip = `${a.kind}${timed ? ` at ${((a.at as number) / 1000).toFixed(3)} s` : ' (time unknown)'}: ${a.detail}`;
      const tri = `M${n(x - 5)} ${n(markTop)}L${n(x + 5)} ${n(markTop)}L${n(x)} ${n(markTop + 9)}Z`;
      return (
        `<g class="anomaly" data-kind="${esc(a.kind)}"><title>${esc(tip)}</title>` +
        el('line', { x1: x, x2: x, y1: panelsTop, y2: panelsBottom, class: 'anomaly-line' }) +
        el('path', { d: tri, class: timed ? 'anomaly-mark' : 'anomaly-mark untimed' }) +
        '</g>'
      );
    })
    .join('');
}

interface LegendItem {
  swatch: string;
  label: string;
}

function legend(run: ChaosRun, top: number): { svg: string; height: number } {
  const box = (fill: string, extra = ''): string => `<rect x="0" y="-8" width="14" height="9" fill="${fill}"${extra}/>`;
  const line = (cls: string): string => `<line x1="0" x2="18" y1="-4" y2="-4" class="${cls}"/>`;
  const items: LegendItem[] = [
    { swatch: box(OK), label: 'ok' },
    { swatch: box(FAILED), label: 'failed' },
  ];
  if (run.replicas > 0) {
    items.push(
      { swatch: line('ready'), label: 'Ready pods (min per bucket)' },
      { swatch: line('pods'), label: 'all pods (max per bucket)' },
      { swatch: line('declared'), label: `declared replicas (${run.replicas})` },
    );
    if (run.maxSurge !== undefined) items.push({ swatch: line('limit'), label: `replicas + maxSurge (${run.replicas + run.maxSurge})` });
  }
  items.push({ swatch: `<path d="M2 -9L14 -9L8 0Z" class="anomaly-mark"/>`, label: 'anomaly' });
  const types = [...new Set([...run.faultTypes, ...run.faults.map((x) => x.type)])];
  for (const t of types) items.push({ swatch: box(faultColor(t), ' opacity="0.55"'), label: t });

  const rows: string[] = [];
  let x = LEFT;
  let y = top;
  for (const item of items) {
    const w = 26 + item.label.length * CHAR_W + 18;
    if (x + w > WIDTH - RIGHT && x > LEFT) {
      x = LEFT;
      y += 16;
    }
    rows.push(`<g transform="translate(${n(x)},${n(y)})">${item.swatch}<text x="22" y="0" class="legend">${esc(item.label)}</text></g>`);
    x += w;
  }
  const note =
    el('text', { x: LEFT, y: y + 20, class: 'note-small' }, esc('Shaded: fault from injection to heal. Line above the panels: from injection to recovery (red: never recovered).'));
  return { svg: `<g class="legend">${rows.join('')}${note}</g>`, height: y - top + 28 };
}

const STYLE = `
text { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; fill: #222; }
.title { font-size: 16px; font-weight: bold; }
.subtitle { font-size: 11px; fill: #444; }
.verdict-ok { font-size: 12px; font-weight: bold; fill: ${OK}; }
.verdict-bad { font-size: 12px; font-weight: bold; fill: ${ANOMALY}; }
.panel-title { font-size: 12px; font-weight: bold; }
.axis-label { font-size: 10px; fill: #555; }
.tick { font-size: 9px; fill: #555; }
.note { font-size: 12px; fill: #888; }
.note-small { font-size: 9.5px; fill: #666; }
.legend { font-size: 10px; }
.panel { fill: none; stroke: #999; stroke-width: 1; }
.grid { stroke: #e4e4e4; stroke-width: 1; }
.declared { stroke: ${LIMIT}; stroke-width: 1.2; stroke-dasharray: 6 4; }
.cmd { font-family: 'DejaVu Sans Mono', monospace; font-size: 10px; fill: ${ANOMALY}; }
.limit { stroke: ${FAILED}; stroke-width: 1.4; stroke-dasharray: 1.5 3; }
.ready { fill: none; stroke: ${READY}; stroke-width: 1.6; }
.pods { fill: none; stroke: ${PODS}; stroke-width: 5; opacity: 0.4; }
.band { stroke: none; }
.fault-span { opacity: 0.16; }
.fault-tick { stroke-width: 2; opacity: 0.6; }
.whisker { stroke-width: 1.5; }
.fault-label { font-size: 10px; font-weight: bold; }
.anomaly-line { stroke: ${ANOMALY}; stroke-width: 1.2; stroke-dasharray: 3 2; }
.anomaly-mark { fill: ${ANOMALY}; stroke: #800; stroke-width: 0.6; }
.anomaly-mark.untimed { fill: #fff; stroke: ${ANOMALY}; stroke-width: 1.5; }
`;

/** Breaks after a space or a comma (the fault list is one long word); continuation lines indented. */
function wrapCommand(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const window = rest.slice(0, width + 1);
    let cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf(',') + 1);
    if (cut <= 4) cut = width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = '    ' + rest.slice(cut).trimStart();
  }
  lines.push(rest);
  return lines;
}

export function renderSvg(run: ChaosRun): string {
  const summary = summarize(run);
  const frame = timeFrame(run);
  const buckets = bucketize(run.samples, run.sampleMs, frame.spanMs);

  const title = `shoal chaos run: seed ${run.seed}, ${run.masters} masters, ${run.agents} agents, ${run.durationMs / 1000} s`;
  const sub =
    `started ${run.startedAt || '?'}; ${run.faults.length} faults; samples every ${run.sampleMs} ms` +
    (frame.spanMs / Math.max(1, buckets.length) > run.sampleMs * 1.5 ? ' (merged into buckets for drawing)' : '') +
    (run.broken.length ? `; TEST MODE, broken: ${run.broken.join(', ')}` : '') +
    (run.unsupported.length ? `; unsupported: ${run.unsupported.join('; ')}` : '');
  const problems: string[] = [`anomalies: ${summary.anomalies.count}`];
  if (summary.total.notRecovered > 0) problems.push(`not recovered: ${summary.total.notRecovered}`);
  if (run.anomalies.length > MAX_ANOMALY_MARKERS) problems.push(`first ${MAX_ANOMALY_MARKERS} drawn`);
  const cmdLines = summary.exitCode === 0 ? [] : wrapCommand(`replay: ${replayCommand(run)}`, CMD_CHARS_PER_LINE);
  const verdict = problems.join('; ');

  const faults = [...run.faults].sort((a, b) => a.at - b.at).slice(0, MAX_FAULT_MARKERS);
  const laneCount = faults.length === 0 ? 0 : Math.max(...assignLanes(faults, frame)) + 1;
  const laneTop = 64 + cmdLines.length * 13;
  const markTop = laneTop + laneCount * LANE_H + 2;
  const panelsTop = markTop + 12 + 22; // anomaly marks, then the first panel's title
  const panelTop = (i: number): number => panelsTop + i * (PANEL_H + PANEL_GAP);
  const panelsBottom = panelTop(2) + PANEL_H;
  const legendTop = panelsBottom + 52;
  const lg = legend(run, legendTop);
  const height = legendTop + lg.height + 8;

  const body = [
    el('rect', { x: 0, y: 0, width: WIDTH, height, fill: '#fff' }),
    el('text', { x: LEFT, y: 22, class: 'title' }, esc(title)),
    el('text', { x: LEFT, y: 38, class: 'subtitle' }, esc(sub)),
    el('text', { x: LEFT, y: 54, class: summary.exitCode === 0 ? 'verdict-ok' : 'verdict-bad' }, esc(verdict)),
    ...cmdLines.map((line, i) => el('text', { x: LEFT, y: 67 + i * 13, class: 'cmd' }, esc(line))),
    ratePanel(panelTop(0), 'KV writes (etcd v3 put / CAS)', 'writes / s', buckets, (b) => b.writesOkRate, (b) => b.writesFailedRate, frame, 'no writes sampled'),
    ratePanel(panelTop(1), 'Service VIP requests', 'requests / s', buckets, (b) => b.vipOkRate, (b) => b.vipFailedRate, frame, 'no VIP requests sampled'),
    replicaPanel(panelTop(2), run, buckets, frame),
    xAxis(frame, panelsBottom, panelsBottom, true),
    el('text', { x: (LEFT + frame.plotRight) / 2, y: panelsBottom + 32, 'text-anchor': 'middle', class: 'axis-label' }, 'time since start (s)'),
    `<g class="faults">${faultMarkers(faults, frame, laneTop, panelTop(0), panelsBottom)}</g>`,
    `<g class="anomalies">${anomalyMarkers([...run.anomalies].sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity)), frame, markTop, panelTop(0), panelsBottom)}</g>`,
    lg.svg,
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${n(height)}" viewBox="0 0 ${WIDTH} ${n(height)}">\n` +
    `<title>${esc(title)}</title>\n<style>${STYLE}</style>\n` +
    body.join('\n') +
    '\n</svg>\n'
  );
}
