// The `etcd3` npm client (a second, independent etcd v3 client, over grpc-js) against a real
// 3-master shoal group: key-value reads and writes, compare-and-swap transactions under
// contention from clients on different members, leases with attached keys, watchers (ordered,
// gap-free, replayable from a past revision), the client's lock, election and software
// transactions, all unchanged from how they run against etcd.
import { Etcd3, EtcdLeaseInvalidError, EtcdLockFailedError, type IKeyValue, type Watcher } from 'etcd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster, waitFor, type TestMember } from '../cli/harness.ts';

const str = (b: Buffer | undefined): string => (b ? b.toString('utf8') : '');

describe('the etcd3 npm client against a 3-master shoal group', () => {
  const c = new TestCluster();
  let leader: TestMember;
  let followers: TestMember[];
  /** One client over all three masters, and one bound to each member alone. */
  let client: Etcd3;
  let single: Etcd3[];
  const clients: Etcd3[] = [];

  const open = (hosts: string[]): Etcd3 => {
    const cl = new Etcd3({ hosts, dialTimeout: 10_000, defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + 20_000 }) });
    clients.push(cl);
    return cl;
  };

  beforeAll(async () => {
    await c.start(3);
    leader = await c.waitForLeader();
    followers = c.members.filter((m) => m !== leader);
    client = open(c.members.map((m) => m.endpoint));
    single = c.members.map((m) => open([m.endpoint]));
  });
  afterAll(async () => {
    for (const cl of clients) cl.close();
    await c.stop();
  });

  const on = (m: TestMember) => single[c.members.indexOf(m)];

  it('put, get, getAll with prefix/limit/sort/keys/count, delete', async () => {
    const put = await client.put('kv/a').value('alpha').exec();
    const rev = Number(put.header.revision);
    expect(rev).toBeGreaterThan(0);
    expect(await client.get('kv/a').string()).toBe('alpha');
    expect(await client.get('kv/missing').string()).toBeNull();
    expect(await client.get('kv/missing').exists()).toBe(false);

    // Written through one follower, read linearizably through the other and the leader.
    await on(followers[0]).put('kv/b').value('bravo');
    for (const m of [followers[1], leader]) expect(await on(m).get('kv/b').string()).toBe('bravo');
    await on(followers[1]).put('kv/c').value(3);
    expect(await on(followers[0]).get('kv/c').number()).toBe(3);
    await client.put('kvz').value('outside');

    expect(await client.getAll().prefix('kv/').strings()).toEqual({ 'kv/a': 'alpha', 'kv/b': 'bravo', 'kv/c': '3' });
    expect(await client.getAll().prefix('kv/').keys()).toEqual(['kv/a', 'kv/b', 'kv/c']);
    // count() asks for count_only.
    expect(await client.getAll().prefix('kv/').count()).toBe(3);
    const limited = await client.getAll().prefix('kv/').limit(2).exec();
    expect(limited.kvs.map((kv) => str(kv.key))).toEqual(['kv/a', 'kv/b']);
    expect(limited.more).toBe(true);
    expect(Number(limited.count)).toBe(3);
    expect(await client.getAll().prefix('kv/').sort('Value', 'Descend').keys()).toEqual(['kv/b', 'kv/a', 'kv/c']);
    expect(await client.getAll().prefix('kv/').sort('Create', 'Descend').keys()).toEqual(['kv/c', 'kv/b', 'kv/a']);

    // The past, by revision.
    await client.put('kv/a').value('alpha-2');
    expect(await client.get('kv/a').revision(rev).string()).toBe('alpha');
    expect(await client.get('kv/a').string()).toBe('alpha-2');
    const kv = (await client.get('kv/a').exec()).kvs[0];
    expect({ version: kv.version, create: kv.create_revision }).toEqual({ version: '2', create: String(rev) });

    // put with the previous value, delete one key, delete a prefix with previous values.
    const prev = await client.put('kv/a').value('alpha-3').getPrevious();
    expect(str(prev?.value)).toBe('alpha-2');
    const del = await client.delete().key('kv/c').exec();
    expect(Number(del.deleted)).toBe(1);
    const gone = await client.delete().prefix('kv/').getPrevious();
    expect(gone.map((x) => [str(x.key), str(x.value)])).toEqual([
      ['kv/a', 'alpha-3'],
      ['kv/b', 'bravo'],
    ]);
    expect(await client.getAll().prefix('kv/').count()).toBe(0);
    expect(await client.get('kvz').string()).toBe('outside');
  });

  it('if().then().else(): compare-and-swap takes exactly one branch', async () => {
    await client.put('cas/k').value('v1');
    const yes = await client.if('cas/k', 'Value', '==', 'v1').then(client.put('cas/k').value('v2')).else(client.get('cas/k')).commit();
    expect(yes.succeeded).toBe(true);
    const no = await client.if('cas/k', 'Value', '==', 'v1').then(client.put('cas/k').value('v3')).else(client.get('cas/k')).commit();
    expect(no.succeeded).toBe(false);
    expect(str(no.responses[0].response_range!.kvs[0].value)).toBe('v2');
    expect(await client.get('cas/k').string()).toBe('v2');
    // Create-if-absent, twice: the second finds it there.
    const create = () => client.if('cas/new', 'Create', '==', 0).then(client.put('cas/new').value('mine')).commit();
    expect((await create()).succeeded).toBe(true);
    expect((await create()).succeeded).toBe(false);
    // Several compares joined with and(), a delete in the branch.
    const both = await client.if('cas/k', 'Version', '==', 2).and('cas/new', 'Value', '==', 'mine').then(client.delete().key('cas/new')).commit();
    expect(both.succeeded).toBe(true);
    expect(await client.get('cas/new').exists()).toBe(false);
  });

  it('compare-and-swap increments from clients on all three members lose no update', async () => {
    await client.put('cas/counter').value(0);
    const perClient = 8;
    const worker = async (cl: Etcd3) => {
      for (let done = 0; done < perClient; ) {
        const cur = (await cl.get('cas/counter').exec()).kvs[0];
        const next = Number(str(cur.value)) + 1;
        const r = await cl.if('cas/counter', 'Mod', '==', cur.mod_revision).then(cl.put('cas/counter').value(next)).commit();
        if (r.succeeded) done++;
      }
    };
    await Promise.all(single.map(worker));
    expect(await client.get('cas/counter').number()).toBe(perClient * single.length);
    const kv = (await client.get('cas/counter').exec()).kvs[0];
    // One version per successful swap, plus the initial put.
    expect(Number(kv.version)).toBe(perClient * single.length + 1);
  });

  it('leases: keys attached, time to live, keepalive, revoke takes the keys', async () => {
    const lease = client.lease(60, { autoKeepAlive: false });
    const id = await lease.grant();
    await lease.put('lease/a').value('1');
    await lease.put('lease/b').value('2');
    await client.put('lease/free').value('3');
    const kv = (await client.get('lease/a').exec()).kvs[0];
    expect(kv.lease).toBe(id);

    const ttl = await client.leaseClient.leaseTimeToLive({ ID: id, keys: true });
    expect(Number(ttl.grantedTTL)).toBe(60);
    expect(Number(ttl.TTL)).toBeGreaterThan(0);
    expect(ttl.keys.map((k) => str(k)).sort()).toEqual(['lease/a', 'lease/b']);
    const ka = await lease.keepaliveOnce();
    expect(ka.ID).toBe(id);
    expect(Number(ka.TTL)).toBe(60);
    const leases = await client.leaseClient.leaseLeases({});
    expect(leases.leases.map((l) => l.ID)).toContain(id);

    await lease.revoke();
    expect(await client.getAll().prefix('lease/').keys()).toEqual(['lease/free']);
    const after = await client.leaseClient.leaseTimeToLive({ ID: id, keys: false });
    expect(Number(after.TTL)).toBe(-1);
    // A put on a revoked lease is refused as etcd refuses it.
    await expect(client.put('lease/c').value('x').lease(id).exec()).rejects.toBeInstanceOf(EtcdLeaseInvalidError);
  });

  it('leases: automatic keepalives keep a 2 s lease alive; released, it expires and its key goes', async () => {
    const lease = client.lease(2);
    const lost: unknown[] = [];
    lease.on('lost', (err) => lost.push(err));
    let renewals = 0;
    lease.on('keepaliveSucceeded', () => renewals++);
    await lease.put('alive/k').value('v');
    // Well past the 2 s TTL, as long as the keepalives kept coming.
    await waitFor(
      async () => (renewals >= 4 ? true : undefined),
      30_000,
      () => `only ${renewals} keepalives succeeded`,
    );
    expect(await client.get('alive/k').string()).toBe('v');
    expect(lost).toEqual([]);

    lease.release(); // stop keepalives; the leader's countdown runs out
    await waitFor(
      async () => ((await client.get('alive/k').exists()) ? undefined : true),
      15_000,
      () => 'the key outlived its released 2 s lease',
    );
  });

  it('watchers: events arrive once each, in revision order, with previous values', async () => {
    const w: Watcher = await on(followers[0]).watch().prefix('w/').withPreviousKV().create();
    const seen: { type: string; key: string; value: string; mod: number; prev?: string }[] = [];
    const record = (type: string) => (kv: IKeyValue, prev?: IKeyValue) =>
      seen.push({ type, key: str(kv.key), value: str(kv.value), mod: Number(kv.mod_revision), ...(prev ? { prev: str(prev.value) } : {}) });
    w.on('put', record('put'));
    w.on('delete', record('delete'));

    // Writes from all three members' clients, one after another.
    const want: typeof seen = [];
    for (let i = 0; i < 15; i++) {
      const cl = single[i % 3];
      const key = `w/${i % 4}`;
      const prev = want.filter((e) => e.key === key).at(-1);
      if (i % 5 === 4) {
        const r = await cl.delete().key(key).exec();
        if (Number(r.deleted) > 0) want.push({ type: 'delete', key, value: '', mod: Number(r.header.revision), prev: prev!.value });
      } else {
        const r = await cl.put(key).value(`v${i}`).exec();
        const live = prev && prev.type === 'put' ? { prev: prev.value } : {};
        want.push({ type: 'put', key, value: `v${i}`, mod: Number(r.header.revision), ...live });
      }
    }
    await client.put('wz').value('outside the prefix');
    await waitFor(
      async () => (seen.length >= want.length ? true : undefined),
      15_000,
      () => `watcher saw ${seen.length} of ${want.length} events`,
    );
    expect(seen).toEqual(want);
    await w.cancel();

    // A watcher from a past revision replays the same history, then goes on live.
    const replay = await client.watch().prefix('w/').startRevision(String(want[0].mod)).create();
    const again: number[] = [];
    replay.on('put', (kv) => again.push(Number(kv.mod_revision)));
    replay.on('delete', (kv) => again.push(Number(kv.mod_revision)));
    await waitFor(
      async () => (again.length >= want.length ? true : undefined),
      15_000,
      () => `replaying watcher saw ${again.length} of ${want.length} events`,
    );
    const live = Number((await client.put('w/live').value('x').exec()).header.revision);
    await waitFor(
      async () => (again.length >= want.length + 1 ? true : undefined),
      15_000,
      () => 'replaying watcher never went live',
    );
    expect(again).toEqual([...want.map((e) => e.mod), live]);
    await replay.cancel();
  });

  it('watchers: many concurrent writes reach a watcher gap-free and in order', async () => {
    const w = await client.watch().prefix('burst/').create();
    const revs: number[] = [];
    w.on('put', (kv) => revs.push(Number(kv.mod_revision)));
    const n = 60;
    const puts = await Promise.all(Array.from({ length: n }, (_, i) => single[i % 3].put(`burst/${i % 7}`).value(String(i)).exec()));
    const written = puts.map((p) => Number(p.header.revision)).sort((a, b) => a - b);
    expect(new Set(written).size).toBe(n);
    await waitFor(
      async () => (revs.length >= n ? true : undefined),
      20_000,
      () => `watcher saw ${revs.length} of ${n} puts`,
    );
    expect(revs).toEqual(written);
    await w.cancel();
  });

  it('lock: one holder at a time; do() runs under it and releases', async () => {
    const held = await client.lock('locks/x').ttl(10).acquire();
    // Held: another acquire fails at once (etcd3's lock does not queue).
    await expect(on(followers[1]).lock('locks/x').acquire()).rejects.toBeInstanceOf(EtcdLockFailedError);
    await held.release();

    let inside = 0;
    let maxInside = 0;
    const result = await on(followers[0])
      .lock('locks/x')
      .do(async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        // While do() runs, nobody else gets it.
        await expect(client.lock('locks/x').acquire()).rejects.toBeInstanceOf(EtcdLockFailedError);
        inside--;
        return 42;
      });
    expect(result).toBe(42);
    expect(maxInside).toBe(1);
    // Released after do(): acquirable again, and its lease is gone with it.
    const again = await client.lock('locks/x').acquire();
    expect(await again.leaseId()).not.toBeNull();
    await again.release();
    expect(await client.getAll().prefix('locks/').count()).toBe(0);
  });

  it('election: one leader, who proclaims values; a second campaign takes over after the first resigns', async () => {
    const election = client.election('elect', 5);
    const first = election.campaign('candidate-1');
    await first.wait();
    expect(await election.leader()).toBe('candidate-1');
    const second = on(followers[1]).election('elect', 5).campaign('candidate-2');
    let secondElected = false;
    second.on('elected', () => (secondElected = true));
    await first.proclaim('candidate-1-proclaimed');
    expect(await election.leader()).toBe('candidate-1-proclaimed');
    expect(secondElected).toBe(false);
    await first.resign();
    await second.wait();
    expect(secondElected).toBe(true);
    expect(await election.leader()).toBe('candidate-2');
    await second.resign();
  });

  it('software transactions: concurrent read-modify-write transfers keep the total', async () => {
    // Both keys written in one revision: etcd3's SerializableSnapshot STM checks written keys
    // against the earliest *mod* revision it read (etcd's Go STM uses the read revision), so
    // keys last written at different revisions conflict forever, against real etcd too.
    await client.if('stm/a', 'Version', '>', -1).then(client.put('stm/a').value(100), client.put('stm/b').value(0)).commit();
    const transfer = (cl: Etcd3) =>
      // The default isolation: serializable snapshot (reads at one revision, conflicts retried).
      cl.stm({ retries: 50 }).transact(async (tx) => {
        const a = Number(await tx.get('stm/a').string());
        const b = Number(await tx.get('stm/b').string());
        // Builders are lazy: awaiting one records the write in the transaction.
        await Promise.all([tx.put('stm/a').value(a - 1), tx.put('stm/b').value(b + 1)]);
      });
    await Promise.all(Array.from({ length: 12 }, (_, i) => transfer(single[i % 3])));
    expect(await client.get('stm/a').number()).toBe(88);
    expect(await client.get('stm/b').number()).toBe(12);
  });

  it('refusals arrive as etcd errors the client recognises', async () => {
    await expect(client.put('').value('x').exec()).rejects.toThrow('etcdserver: key is not provided');
    await expect(client.get('kvz').revision(1_000_000).exec()).rejects.toThrow('etcdserver: mvcc: required revision is a future revision');
  });

  it('close(): a closed client refuses further calls; the others go on', async () => {
    const cl = open([leader.endpoint]);
    await cl.put('close/k').value('v');
    cl.close();
    await expect(cl.get('close/k').string()).rejects.toThrow();
    expect(await client.get('close/k').string()).toBe('v');
  });
});
