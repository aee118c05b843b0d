// The real `etcdctl` (Debian's etcd-client 3.4) against a real 3-master shoal group: shoal's
// client port must be an etcd v3 endpoint that etcd's own command-line client uses unchanged.
// Every case reads etcdctl's real output (simple or `-w json`, whose keys and values are
// base64) and checks it says what etcd would. Some commands go to a single follower's
// endpoint, to prove followers forward writes and serve linearizable reads. The destructive
// cases (kill -9 of a follower, then of the leader) run last.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster, waitFor, type TestMember } from '../cli/harness.ts';
import { CTL_TIMEOUTS, ctlRaw, ETCDCTL } from './etcd-clients.ts';

const b64 = (s: string | undefined): string => Buffer.from(s ?? '', 'base64').toString('utf8');
const hex = (id: number): string => id.toString(16);

interface JsonKv {
  key: string;
  value?: string;
  create_revision?: number;
  mod_revision: number;
  version?: number;
  lease?: number;
}
interface JsonHeader {
  cluster_id: number;
  member_id: number;
  revision: number;
  raft_term: number;
}
interface JsonRange {
  header: JsonHeader;
  kvs?: JsonKv[];
  more?: boolean;
  count?: number;
}

/** A running `etcdctl watch -w json`: its responses, one JSON object a line. */
class WatchProc {
  readonly child: ChildProcess;
  private out = '';
  err = '';
  readonly closed: Promise<number | null>;

  constructor(endpoints: string[], args: string[]) {
    this.child = spawn(ETCDCTL, [`--endpoints=${endpoints.join(',')}`, ...CTL_TIMEOUTS, 'watch', '-w', 'json', ...args], {
      env: { ...process.env, ETCDCTL_API: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.out += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.err += d.toString()));
    this.closed = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** Every event received so far, in order, with keys and values decoded. */
  events(): { type: 'PUT' | 'DELETE'; key: string; value: string; mod: number; prev?: string }[] {
    const lines = this.out.split('\n');
    lines.pop(); // an incomplete last line, if any
    const evs = [];
    for (const line of lines) {
      if (!line.trim()) continue;
      const resp = JSON.parse(line) as { Events?: { type?: number; kv: JsonKv; prev_kv?: JsonKv }[] };
      for (const e of resp.Events ?? []) {
        evs.push({
          type: e.type === 1 ? ('DELETE' as const) : ('PUT' as const),
          key: b64(e.kv.key),
          value: b64(e.kv.value),
          mod: e.kv.mod_revision,
          ...(e.prev_kv ? { prev: b64(e.prev_kv.value) } : {}),
        });
      }
    }
    return evs;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  stop(): Promise<number | null> {
    if (!this.exited) this.child.kill('SIGTERM');
    return this.closed;
  }
}

describe('etcdctl 3.4 against a 3-master shoal group', () => {
  const c = new TestCluster();
  let leader: TestMember;
  let followers: TestMember[];
  let all: string[];
  const watches: WatchProc[] = [];

  const ctl = (args: string[], input?: string, endpoints = all) => ctlRaw(endpoints, args, input);
  /** etcdctl must succeed; returns its stdout. */
  async function ok(args: string[], input?: string, endpoints = all): Promise<string> {
    const r = await ctl(args, input, endpoints);
    if (r.code !== 0) throw new Error(`etcdctl ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r.stdout;
  }
  async function json<T>(args: string[], input?: string, endpoints = all): Promise<T> {
    return JSON.parse(await ok([...args, '-w', 'json'], input, endpoints)) as T;
  }
  /** etcdctl must fail; returns its stderr. */
  async function fails(args: string[], input?: string, endpoints = all): Promise<string> {
    const r = await ctl(args, input, endpoints);
    if (r.code === 0) throw new Error(`etcdctl ${args.join(' ')} succeeded, expected a failure\nstdout: ${r.stdout}`);
    return r.stderr;
  }
  /** A put; returns the revision it created. */
  const putRev = async (key: string, value: string, endpoints = all): Promise<number> =>
    (await json<{ header: JsonHeader }>(['put', key, value], undefined, endpoints)).header.revision;
  const getJson = (args: string[], endpoints = all) => json<JsonRange>(['get', ...args], undefined, endpoints);
  const kvPairs = (r: JsonRange) => (r.kvs ?? []).map((kv) => [b64(kv.key), b64(kv.value)]);

  beforeAll(async () => {
    await c.start(3);
    leader = await c.waitForLeader();
    followers = c.members.filter((m) => m !== leader);
    all = c.members.map((m) => m.endpoint);
  });
  afterAll(async () => {
    await Promise.all(watches.map((w) => w.stop()));
    await c.stop();
  });

  it('member list: three started members n1..n3 with their peer and client URLs', async () => {
    // Each member publishes its name and client URLs through the log soon after it starts.
    type Members = { header: JsonHeader; members: { ID: number; name: string; peerURLs: string[]; clientURLs?: string[]; isLearner?: boolean }[] };
    const list = await waitFor(
      async () => {
        const l = await json<Members>(['member', 'list']);
        return l.members.every((m) => m.name && m.clientURLs?.length) ? l : undefined;
      },
      20_000,
      () => 'members did not publish their names and client URLs',
    );
    const byName = list.members.map((m) => ({ name: m.name, clientURLs: m.clientURLs, learner: !!m.isLearner })).sort((a, b) => a.name.localeCompare(b.name));
    expect(byName).toEqual(c.members.map((m) => ({ name: m.name, clientURLs: [`http://${m.endpoint}`], learner: false })));
    for (const m of list.members) expect(m.peerURLs).toHaveLength(1);
    expect(new Set(list.members.map((m) => m.ID)).size).toBe(3);
    expect(list.header.cluster_id).toBeGreaterThan(0);

    // The simple format: "ID, started, name, peer URL, client URL, isLearner" per member.
    const simple = (await ok(['member', 'list'])).trim().split('\n');
    expect(simple).toHaveLength(3);
    for (const [i, member] of c.members.entries()) {
      const m = list.members.find((x) => x.name === member.name)!;
      expect(simple).toContain(`${hex(m.ID)}, started, n${i + 1}, ${m.peerURLs[0]}, http://${member.endpoint}, false`);
    }
  });

  it('endpoint status: every member names the same leader, which is the harness leader, in one raft term', async () => {
    type Status = { Endpoint: string; Status: { header: JsonHeader; version: string; leader: number; raftTerm: number; raftIndex: number; raftAppliedIndex: number; } };
    // Polled: an election in between (a slow, shared machine) may briefly split the answers.
    const st = await waitFor(
      async () => {
        const s = await json<Status[]>(['endpoint', 'status']);
        return new Set(s.map((x) => `${x.Status.leader}/${x.Status.raftTerm}`)).size === 1 ? s : undefined;
      },
      15_000,
      () => 'members never agreed on one leader and term',
    );
    leader = await c.waitForLeader();
    followers = c.members.filter((m) => m !== leader);
    expect(st.map((s) => s.Endpoint).sort()).toEqual([...all].sort());
    const leaders = new Set(st.map((s) => s.Status.leader));
    expect(leaders.size).toBe(1);
    const leaderId = st[0].Status.leader;
    // Exactly one member's own id is the leader's: the member the harness found leading.
    const self = st.filter((s) => s.Status.header.member_id === leaderId);
    expect(self.map((s) => s.Endpoint)).toEqual([leader.endpoint]);
    expect(new Set(st.map((s) => s.Status.raftTerm)).size).toBe(1);
    expect(st[0].Status.raftTerm).toBeGreaterThanOrEqual(1);
    expect(new Set(st.map((s) => s.Status.header.cluster_id)).size).toBe(1);
    for (const s of st) {
      expect(s.Status.version).toMatch(/^3\.4\./);
      expect(s.Status.raftAppliedIndex).toBeGreaterThan(0);
    }
  });

  it('endpoint health: every member commits a proposal', async () => {
    type Health = { endpoint: string; health: boolean; error?: string };
    const h = await json<Health[]>(['endpoint', 'health']);
    expect(h.map((x) => [x.endpoint, x.health]).sort()).toEqual([...all].sort().map((e) => [e, true]));
    const simple = await ctl(['endpoint', 'health']);
    expect(simple.code).toBe(0);
    // etcdctl writes the health lines to stderr.
    for (const e of all) expect(simple.stderr).toContain(`${e} is healthy: successfully committed proposal`);
  });

  it('put and get, through all endpoints and through single followers', async () => {
    expect(await ok(['put', '/kv/a', 'alpha'])).toBe('OK\n');
    expect(await ok(['get', '/kv/a'])).toBe('/kv/a\nalpha\n');

    // A write through one follower, then a linearizable read through the other follower and
    // through the leader, each alone: the write was forwarded and committed, and reads see it.
    const rev = await putRev('/kv/b', 'via-follower', [followers[0].endpoint]);
    for (const ep of [followers[1].endpoint, leader.endpoint, followers[0].endpoint]) {
      const r = await getJson(['/kv/b'], [ep]);
      expect(kvPairs(r)).toEqual([['/kv/b', 'via-follower']]);
      expect(r.kvs![0]).toMatchObject({ create_revision: rev, mod_revision: rev, version: 1 });
      expect(r.header.revision).toBeGreaterThanOrEqual(rev);
      expect(r.count).toBe(1);
    }

    // Overwrite through the other follower: version 2, create revision kept.
    const rev2 = await putRev('/kv/b', 'again', [followers[1].endpoint]);
    expect(rev2).toBeGreaterThan(rev);
    const r2 = await getJson(['/kv/b'], [followers[0].endpoint]);
    expect(r2.kvs![0]).toMatchObject({ create_revision: rev, mod_revision: rev2, version: 2 });
    expect(b64(r2.kvs![0].value)).toBe('again');

    // put --prev-kv prints the value it replaced.
    expect(await ok(['put', '--prev-kv', '/kv/b', 'third'])).toBe('OK\n/kv/b\nagain\n');

    // A missing key: no output, success.
    expect(await ok(['get', '/kv/missing'])).toBe('');
    // A serializable read on a follower catches up too.
    await waitFor(
      async () => ((await ok(['get', '--consistency=s', '--print-value-only', '/kv/b'], undefined, [followers[0].endpoint])) === 'third\n' ? true : undefined),
      10_000,
      () => 'serializable read on a follower never saw /kv/b=third',
    );
  });

  it('get with --prefix, --limit, --sort-by/--order, --keys-only, --from-key and --rev', async () => {
    // Values chosen so that key, value, create and modify orders all differ.
    const first = await putRev('/r/b', '1');
    await putRev('/r/c', '3');
    await putRev('/r/a', '2');
    const modB = await putRev('/r/b', '4'); // /r/b: version 2, modified last
    await putRev('/rz', 'outside');

    const all3 = await getJson(['--prefix', '/r/']);
    expect(kvPairs(all3)).toEqual([
      ['/r/a', '2'],
      ['/r/b', '4'],
      ['/r/c', '3'],
    ]);
    expect(all3.count).toBe(3);
    expect(all3.more).toBeFalsy();

    const limited = await getJson(['--prefix', '--limit=2', '/r/']);
    expect(kvPairs(limited)).toEqual([
      ['/r/a', '2'],
      ['/r/b', '4'],
    ]);
    expect(limited.more).toBe(true);
    expect(limited.count).toBe(3);

    const byValueDesc = await getJson(['--prefix', '--sort-by=VALUE', '--order=DESCEND', '/r/']);
    expect(kvPairs(byValueDesc).map(([k]) => k)).toEqual(['/r/b', '/r/c', '/r/a']);
    const byCreate = await getJson(['--prefix', '--sort-by=CREATE', '/r/']);
    expect(kvPairs(byCreate).map(([k]) => k)).toEqual(['/r/b', '/r/c', '/r/a']);
    const byModify = await getJson(['--prefix', '--sort-by=MODIFY', '--order=DESCEND', '/r/']);
    expect(kvPairs(byModify).map(([k]) => k)).toEqual(['/r/b', '/r/a', '/r/c']);
    const byVersionDesc = await getJson(['--prefix', '--sort-by=VERSION', '--order=DESCEND', '--limit=1', '/r/']);
    expect(kvPairs(byVersionDesc)).toEqual([['/r/b', '4']]);
    expect(byVersionDesc.kvs![0].version).toBe(2);
    expect(byVersionDesc.more).toBe(true);
    // And the simple format of a sorted range.
    expect(await ok(['get', '--prefix', '--sort-by=KEY', '--order=DESCEND', '/r/'])).toBe('/r/c\n3\n/r/b\n4\n/r/a\n2\n');

    const keysOnly = await getJson(['--prefix', '--keys-only', '/r/']);
    expect(keysOnly.kvs!.map((kv) => b64(kv.key))).toEqual(['/r/a', '/r/b', '/r/c']);
    expect(keysOnly.kvs!.every((kv) => kv.value === undefined)).toBe(true);
    // etcdctl 3.4 has no --count-only flag; the count comes with any range (here: one key
    // fetched, all counted). count_only itself is covered through the etcd3 client.
    const counted = await getJson(['--prefix', '--limit=1', '/r/']);
    expect(counted.count).toBe(3);

    expect(kvPairs(await getJson(['--from-key', '/r/c']))).toEqual([
      ['/r/c', '3'],
      ['/rz', 'outside'],
    ]);
    // A range [key, range_end).
    expect(kvPairs(await getJson(['/r/a', '/r/c']))).toEqual([
      ['/r/a', '2'],
      ['/r/b', '4'],
    ]);

    // The past: at the first put only /r/b=1 existed; just before the second /r/b put, the
    // old value.
    expect(kvPairs(await getJson(['--prefix', `--rev=${first}`, '/r/']))).toEqual([['/r/b', '1']]);
    const before = await getJson(['--prefix', `--rev=${modB - 1}`, '/r/']);
    expect(kvPairs(before)).toEqual([
      ['/r/a', '2'],
      ['/r/b', '1'],
      ['/r/c', '3'],
    ]);
    expect(await ok(['get', `--rev=${first - 1}`, '/r/b'])).toBe('');
    // The future: refused in etcd's words.
    const future = await fails(['get', `--rev=${modB + 1_000_000}`, '/r/b']);
    expect(future).toContain('etcdserver: mvcc: required revision is a future revision');
  });

  it('txn: the success branch when the compares hold, the failure branch when not', async () => {
    await putRev('/tx/k', 'v1');
    // Success: value("k") = "v1" -> put, get.
    const yes = await ok(['txn', '-i=false'], 'value("/tx/k") = "v1"\n\nput /tx/k v2\nget /tx/k\n\nput /tx/fail x\n\n');
    expect(yes).toBe('SUCCESS\n\nOK\n\n/tx/k\nv2\n');
    // Failure: the value is no longer v1 -> failure branch (a get and a put) runs instead.
    type TxnJson = { header: JsonHeader; succeeded?: boolean; responses: { Response: { ResponseRange?: JsonRange; ResponsePut?: object } }[] };
    const no = await json<TxnJson>(['txn'], 'value("/tx/k") = "v1"\n\nput /tx/k v3\n\nget /tx/k\nput /tx/fail yes\n\n');
    expect(no.succeeded).toBeFalsy();
    expect(no.responses).toHaveLength(2);
    expect(kvPairs(no.responses[0].Response.ResponseRange!)).toEqual([['/tx/k', 'v2']]);
    expect(no.responses[1].Response.ResponsePut).toBeDefined();
    expect(await ok(['get', '--print-value-only', '/tx/k'])).toBe('v2\n');
    expect(await ok(['get', '--print-value-only', '/tx/fail'])).toBe('yes\n');

    // Revision compares, and a create-if-absent (create revision 0), through a follower.
    const mod = (await getJson(['/tx/k'])).kvs![0].mod_revision;
    const cas = await json<TxnJson>(['txn'], `mod("/tx/k") = "${mod}"\nversion("/tx/k") = "2"\n\nput /tx/k v4\n\n\n`, [followers[0].endpoint]);
    expect(cas.succeeded).toBe(true);
    const stale = await json<TxnJson>(['txn'], `mod("/tx/k") = "${mod}"\n\nput /tx/k v5\n\n\n`, [followers[1].endpoint]);
    expect(stale.succeeded).toBeFalsy();
    expect(await ok(['get', '--print-value-only', '/tx/k'])).toBe('v4\n');
    const create1 = await ok(['txn'], 'create("/tx/new") = "0"\n\nput /tx/new first\n\n\n');
    const create2 = await ok(['txn'], 'create("/tx/new") = "0"\n\nput /tx/new second\n\n\n');
    expect([create1.split('\n')[0], create2.split('\n')[0]]).toEqual(['SUCCESS', 'FAILURE']);
    expect(await ok(['get', '--print-value-only', '/tx/new'])).toBe('first\n');
    // A greater-than compare and a delete in the branch.
    const gt = await ok(['txn'], 'version("/tx/k") > "2"\n\ndel /tx/new\n\n\n');
    expect(gt).toBe('SUCCESS\n\n1\n');
    expect(await ok(['get', '/tx/new'])).toBe('');
  });

  it('refuses an empty key, a txn with too many operations and a txn writing one key twice, in etcd words', async () => {
    expect(await fails(['put', '', 'x'])).toContain('etcdserver: key is not provided');
    expect(await fails(['get', ''])).toContain('etcdserver: key is not provided');

    // --max-txn-ops is 128 by default.
    const puts = Array.from({ length: 129 }, (_, i) => `put /big/${i} v`).join('\n');
    expect(await fails(['txn'], `\n${puts}\n\n\n`)).toContain('etcdserver: too many operations in txn request');
    expect(await ok(['get', '--prefix', '--keys-only', '/big/'])).toBe('');
    // 128 is allowed.
    const okPuts = Array.from({ length: 128 }, (_, i) => `put /big/${i} v`).join('\n');
    expect((await ok(['txn'], `\n${okPuts}\n\n\n`)).split('\n')[0]).toBe('SUCCESS');
    expect((await getJson(['--prefix', '--limit=1', '/big/'])).count).toBe(128);

    expect(await fails(['txn'], '\nput /dup/a 1\nput /dup/a 2\n\n\n')).toContain('etcdserver: duplicate key given in txn request');
    // A put inside a range the same branch deletes counts too.
    expect(await fails(['txn'], '\ndel /dup/ /dup0\nput /dup/b 1\n\n\n')).toContain('etcdserver: duplicate key given in txn request');
    expect(await ok(['get', '--prefix', '/dup/'])).toBe('');
    // The same key in the two branches is fine: only one runs.
    expect((await ok(['txn'], '\nput /dup/a 1\n\nput /dup/a 2\n\n')).split('\n')[0]).toBe('SUCCESS');
  });

  it('del, del --prefix --prev-kv', async () => {
    await putRev('/d/one', '1');
    await putRev('/d/two', '2');
    await putRev('/d/three', '3');
    await putRev('/d0', 'outside');
    expect(await ok(['del', '/d/one'])).toBe('1\n');
    expect(await ok(['del', '/d/one'])).toBe('0\n');
    expect(await ok(['del', '--prefix', '--prev-kv', '/d/'], undefined, [followers[0].endpoint])).toBe('2\n/d/three\n3\n/d/two\n2\n');
    expect(await ok(['get', '--prefix', '/d/'])).toBe('');
    expect(await ok(['get', '/d0'])).toBe('/d0\noutside\n');
    type Del = { header: JsonHeader; deleted?: number; prev_kvs?: JsonKv[] };
    const none = await json<Del>(['del', '--prefix', '/d/']);
    expect(none.deleted ?? 0).toBe(0);
  });

  it('watch --prefix, live: puts and deletes arrive in order with their revisions and previous values', async () => {
    const w = new WatchProc([followers[1].endpoint], ['--prefix', '--prev-kv', '/w/']);
    watches.push(w);
    // The watcher is live once it reports a put made after it started: put a marker until then.
    let n = 0;
    await waitFor(
      async () => {
        await ok(['put', '/w/0-sync', String(n++)]);
        await new Promise((r) => setTimeout(r, 200));
        return w.events().some((e) => e.key === '/w/0-sync') ? true : undefined;
      },
      20_000,
      () => `watcher never reported the marker; stderr: ${w.err}`,
    );
    const seen = w.events().length;
    const r1 = await putRev('/w/a', '1');
    const r2 = await putRev('/w/b', '2', [leader.endpoint]);
    const r3 = await putRev('/w/a', '11', [followers[0].endpoint]);
    const r4 = (await json<{ header: JsonHeader }>(['del', '/w/a'])).header.revision;
    await putRev('/wz', 'outside the prefix');
    const events = await waitFor(
      async () => {
        const evs = w.events().slice(seen).filter((e) => e.key !== '/w/0-sync');
        return evs.length >= 4 ? evs : undefined;
      },
      15_000,
      () => `watcher saw ${JSON.stringify(w.events())}; stderr: ${w.err}`,
    );
    expect(events).toEqual([
      { type: 'PUT', key: '/w/a', value: '1', mod: r1 },
      { type: 'PUT', key: '/w/b', value: '2', mod: r2 },
      { type: 'PUT', key: '/w/a', value: '11', mod: r3, prev: '1' },
      { type: 'DELETE', key: '/w/a', value: '', mod: r4, prev: '11' },
    ]);
    await w.stop();
  });

  it('watch --rev: replays history from a past revision', async () => {
    const r1 = await putRev('/h/x', 'one');
    const r2 = await putRev('/h/y', 'two');
    const r3 = (await json<{ header: JsonHeader }>(['del', '/h/x'])).header.revision;
    const r4 = await putRev('/h/y', 'three');
    const w = new WatchProc(all, ['--prefix', `--rev=${r2}`, '/h/']);
    watches.push(w);
    const events = await waitFor(
      async () => (w.events().length >= 3 ? w.events() : undefined),
      15_000,
      () => `watcher saw ${JSON.stringify(w.events())}; stderr: ${w.err}`,
    );
    expect(r1).toBeLessThan(r2);
    expect(events).toEqual([
      { type: 'PUT', key: '/h/y', value: 'two', mod: r2 },
      { type: 'DELETE', key: '/h/x', value: '', mod: r3 },
      { type: 'PUT', key: '/h/y', value: 'three', mod: r4 },
    ]);
    // And it goes on live after the replay.
    const r5 = await putRev('/h/z', 'live');
    const more = await waitFor(
      async () => (w.events().length >= 4 ? w.events() : undefined),
      15_000,
      () => `watcher saw ${JSON.stringify(w.events())}`,
    );
    expect(more[3]).toEqual({ type: 'PUT', key: '/h/z', value: 'live', mod: r5 });
    await w.stop();
  });

  it('leases: grant, put --lease, timetolive --keys, keep-alive --once, list, revoke (keys vanish)', async () => {
    type Grant = { ID: number; TTL: number; Error?: string };
    const g = await json<Grant>(['lease', 'grant', '60'], undefined, [followers[0].endpoint]);
    expect(g.TTL).toBe(60);
    expect(g.ID).toBeGreaterThan(0);
    const id = hex(g.ID);
    expect(await ok(['put', `--lease=${id}`, '/lease/a', '1'])).toBe('OK\n');
    expect(await ok(['put', `--lease=${id}`, '/lease/b', '2'], undefined, [leader.endpoint])).toBe('OK\n');
    await putRev('/lease/free', 'no lease');
    const leased = await getJson(['/lease/a']);
    expect(leased.kvs![0].lease).toBe(g.ID);

    type Ttl = { id: number; ttl: number; 'granted-ttl': number; keys?: string[] };
    for (const ep of all) {
      const t = await json<Ttl>(['lease', 'timetolive', '--keys', id], undefined, [ep]);
      expect(t.id).toBe(g.ID);
      expect(t['granted-ttl']).toBe(60);
      expect(t.ttl).toBeGreaterThan(0);
      expect(t.ttl).toBeLessThanOrEqual(60);
      expect((t.keys ?? []).map(b64)).toEqual(['/lease/a', '/lease/b']);
    }
    expect(await ok(['lease', 'timetolive', '--keys', id])).toMatch(new RegExp(`^lease ${id.padStart(16, '0')} granted with TTL\\(60s\\), remaining\\(\\d+s\\), attached keys\\(\\[/lease/a /lease/b\\]\\)\\n$`));

    // keep-alive through the leader (its own clock) and through a follower (renewed through the log).
    for (const ep of [leader.endpoint, followers[1].endpoint]) {
      expect(await ok(['lease', 'keep-alive', '--once', id], undefined, [ep])).toBe(`lease ${id.padStart(16, '0')} keepalived with TTL(60)\n`);
    }
    const ka = await json<{ ID: number; TTL: number }>(['lease', 'keep-alive', '--once', id]);
    expect(ka).toMatchObject({ ID: g.ID, TTL: 60 });

    const list = await ok(['lease', 'list']);
    expect(list).toMatch(/^found \d+ leases\n/);
    expect(list.split('\n')).toContain(id.padStart(16, '0'));

    expect(await ok(['lease', 'revoke', id], undefined, [followers[1].endpoint])).toBe(`lease ${id.padStart(16, '0')} revoked\n`);
    expect(await ok(['get', '--prefix', '/lease/'])).toBe('/lease/free\nno lease\n');
    expect(await ok(['lease', 'timetolive', id])).toBe(`lease ${id.padStart(16, '0')} already expired\n`);
    expect(await fails(['lease', 'revoke', id])).toContain('etcdserver: requested lease not found');
    expect(await fails(['lease', 'keep-alive', '--once', id])).toContain('requested lease not found');
    expect(await fails(['put', `--lease=${id}`, '/lease/c', 'x'])).toContain('etcdserver: requested lease not found');
    expect(await ok(['get', '/lease/c'])).toBe('');
  });

  it('lease expiry: a 2 s lease without keep-alives takes its key with it', async () => {
    type Grant = { ID: number; TTL: number };
    const g = await json<Grant>(['lease', 'grant', '2']);
    expect(g.TTL).toBe(2);
    const id = hex(g.ID);
    await ok(['put', `--lease=${id}`, '/expiring', 'soon'], undefined, [followers[0].endpoint]);
    expect(await ok(['get', '--print-value-only', '/expiring'])).toBe('soon\n');
    await waitFor(
      async () => ((await ok(['get', '/expiring'])) === '' ? true : undefined),
      15_000,
      () => 'the key of a 2 s lease was still there',
    );
    for (const ep of all) expect(await ok(['get', '/expiring'], undefined, [ep])).toBe('');
    expect(await ok(['lease', 'timetolive', id])).toBe(`lease ${id.padStart(16, '0')} already expired\n`);
  });

  it('endpoint hashkv: every member holds the same history', async () => {
    type HashKv = { Endpoint: string; HashKV: { header: JsonHeader; hash: number } };
    // Members apply at their own pace: wait until all three answer at one revision.
    const hs = await waitFor(
      async () => {
        const h = await json<HashKv[]>(['endpoint', 'hashkv']);
        return new Set(h.map((x) => x.HashKV.header.revision)).size === 1 ? h : undefined;
      },
      15_000,
      () => 'members never answered at one revision',
    );
    expect(hs).toHaveLength(3);
    expect(new Set(hs.map((x) => x.HashKV.hash)).size).toBe(1);
  });

  it('compact R: reads and watches below R are refused as compacted, R and above still served', async () => {
    const r1 = await putRev('/cmp/k', 'v1');
    const r2 = await putRev('/cmp/k', 'v2');
    const r3 = await putRev('/cmp/k', 'v3');
    expect(await ok(['get', '--print-value-only', `--rev=${r1}`, '/cmp/k'])).toBe('v1\n');
    expect(await ok(['compact', String(r2)])).toBe(`compacted revision ${r2}\n`);
    for (const ep of all) {
      expect(await fails(['get', `--rev=${r1}`, '/cmp/k'], undefined, [ep])).toContain('etcdserver: mvcc: required revision has been compacted');
    }
    expect(await ok(['get', '--print-value-only', `--rev=${r2}`, '/cmp/k'])).toBe('v2\n');
    expect(await ok(['get', '--print-value-only', `--rev=${r3}`, '/cmp/k'])).toBe('v3\n');
    expect(await ok(['get', '--print-value-only', '/cmp/k'])).toBe('v3\n');
    // Compacting again at or below the compacted revision is itself refused.
    expect(await fails(['compact', String(r1)])).toContain('etcdserver: mvcc: required revision has been compacted');

    // A watch from below R is cancelled by the server with the reason.
    const w = await ctl(['watch', `--rev=${r1}`, '/cmp/k']);
    expect(w.code).not.toBe(0);
    expect(w.stdout + w.stderr).toContain('watch was canceled (etcdserver: mvcc: required revision has been compacted)');
  });

  it('compact R: a watch from R itself replays (etcd cancels only watches below R)', async () => {
    // Real etcd 3.4: after `compact R`, `watch --rev=R` replays the events at R and after;
    // only a start below R is cancelled as compacted.
    const r2 = await putRev('/cmp2/k', 'v2');
    const r3 = await putRev('/cmp2/k', 'v3');
    expect(await ok(['compact', String(r2)])).toBe(`compacted revision ${r2}\n`);
    const w2 = new WatchProc(all, [`--rev=${r2}`, '/cmp2/k']);
    watches.push(w2);
    // Done when both events arrived, or when the server cancelled the watch (etcdctl exits).
    await waitFor(
      async () => (w2.events().length >= 2 || w2.exited ? true : undefined),
      15_000,
      () => `watcher saw ${JSON.stringify(w2.events())}; stderr: ${w2.err}`,
    );
    expect(w2.err).not.toContain('watch was canceled');
    const evs = w2.events();
    expect(evs.map((e) => [e.value, e.mod])).toEqual([
      ['v2', r2],
      ['v3', r3],
    ]);
    await w2.stop();
  });

  it('snapshot save: downloads a whole image from one member, with its sha256 appended', async () => {
    await putRev('/snap/marker', 'in-the-snapshot');
    const file = path.join(c.root, 'etcdctl-snapshot.db');
    const r = await ctl(['snapshot', 'save', file], undefined, [followers[0].endpoint]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Snapshot saved at ${file}\n`);
    expect(existsSync(file)).toBe(true);
    const bytes = readFileSync(file);
    // Whole 512-byte pages, then the sha256 of those pages (the layout etcdctl checks).
    expect(bytes.byteLength).toBeGreaterThan(32);
    expect((bytes.byteLength - 32) % 512).toBe(0);
    const body = bytes.subarray(0, bytes.byteLength - 32);
    expect(createHash('sha256').update(body).digest().equals(bytes.subarray(bytes.byteLength - 32))).toBe(true);
    expect(body.includes(Buffer.from('/snap/marker'))).toBe(true);
    expect(body.includes(Buffer.from('in-the-snapshot'))).toBe(true);
    // etcdctl refuses a snapshot from several endpoints at once, before asking anyone.
    expect(await fails(['snapshot', 'save', `${file}.2`])).toContain('snapshot must be requested to one selected node');
  });

  it('after kill -9 of a follower, puts through all endpoints and through the survivors succeed', async () => {
    const victim = followers[0];
    victim.proc.kill('SIGKILL');
    expect((await victim.proc.exited).signal).toBe('SIGKILL');
    const survivors = c.members.filter((m) => m !== victim).map((m) => m.endpoint);
    // The dead endpoint is still in the list; the client skips it.
    for (let i = 0; i < 3; i++) expect(await ok(['put', '/kill/f', `v${i}`])).toBe('OK\n');
    for (const ep of survivors) {
      expect(await ok(['put', `/kill/f-${ep}`, 'x'], undefined, [ep])).toBe('OK\n');
      expect(await ok(['get', '--print-value-only', '/kill/f'], undefined, [ep])).toBe('v2\n');
    }
    expect(await fails(['--command-timeout=2s', 'get', '/kill/f'], undefined, [victim.endpoint])).toMatch(/context deadline exceeded|connection refused|Unavailable/i);

    // Bring it back (same data dir) before the next case needs a quorum without the leader.
    c.restart(victim);
    await c.waitForLeader(c.members, 30_000);
    await waitFor(
      async () => {
        const r = await ctl(['get', '--consistency=s', '--print-value-only', '/kill/f'], undefined, [victim.endpoint]);
        return r.code === 0 && r.stdout === 'v2\n' ? true : undefined;
      },
      30_000,
      () => 'the restarted follower never caught up',
    );
  });

  it('after kill -9 of the leader, a new leader is elected and puts through the survivors succeed', async () => {
    const old = await c.waitForLeader(c.members, 30_000);
    type Status = { Endpoint: string; Status: { leader: number; raftTerm: number; header: JsonHeader } };
    const before = await json<Status[]>(['endpoint', 'status'], undefined, [old.endpoint]);
    const oldTerm = before[0].Status.raftTerm;
    const oldId = before[0].Status.header.member_id;
    old.proc.kill('SIGKILL');
    expect((await old.proc.exited).signal).toBe('SIGKILL');
    const survivors = c.members.filter((m) => m !== old);
    const eps = survivors.map((m) => m.endpoint);

    // Until a new leader is elected a put may be refused ("no leader"); then it must succeed.
    let attempts = 0;
    await waitFor(
      async () => {
        attempts++;
        const r = await ctl(['put', '/kill/l', 'after-leader-death'], undefined, eps);
        return r.code === 0 ? r.stdout : undefined;
      },
      30_000,
      () => `no put succeeded after ${attempts} attempts`,
    );
    for (const ep of eps) {
      expect(await ok(['get', '--print-value-only', '/kill/l'], undefined, [ep])).toBe('after-leader-death\n');
      expect(await ok(['put', `/kill/l-${ep}`, 'ok'], undefined, [ep])).toBe('OK\n');
    }
    const after = await json<Status[]>(['endpoint', 'status'], undefined, eps);
    expect(new Set(after.map((s) => s.Status.leader)).size).toBe(1);
    const newLeader = after[0].Status.leader;
    expect(newLeader).not.toBe(oldId);
    expect(after.map((s) => s.Status.header.member_id)).toContain(newLeader);
    for (const s of after) expect(s.Status.raftTerm).toBeGreaterThan(oldTerm);
    // The history written before the failures is all still there.
    expect(await ok(['get', '--print-value-only', '/kv/b'], undefined, eps)).toBe('third\n');
    expect((await getJson(['--prefix', '--limit=1', '/big/'], eps)).count).toBe(128);
  });
});
