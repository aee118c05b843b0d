// The resource API's semantics through its gRPC port on one real master: CRUD with
// resourceVersion preconditions, validation that stores nothing, selectors, pagination at one
// revision, watches (selector transitions, Gone after compaction), subresources, deletion with
// grace and finalizers, namespaces.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError, ApiClient, type Obj } from '../../src/cli/api-client.ts';
import { call, kvClient } from '../store/etcd-clients.ts';
import { startSingleMaster, type SingleMaster } from '../store/single-master.ts';
import { waitFor } from '../cli/harness.ts';

const pod = (name: string, labels: Record<string, string> = {}, extra: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }], ...extra },
});

const deployment = (name: string, replicas = 2): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } },
  },
});

async function refused(p: Promise<unknown>): Promise<ApiCallError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiCallError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

describe('resource API (one master)', () => {
  let m: SingleMaster;
  let api: ApiClient;

  beforeAll(async () => {
    m = await startSingleMaster(['--controllers=false']);
    api = new ApiClient([m.endpoint]);
    await waitFor(async () => (await api.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 10_000, () => 'default namespace never appeared');
  });
  afterAll(async () => {
    api.close();
    await m.stop();
  });

  it('creates with defaults and identity, gets, and refuses a duplicate', async () => {
    const created = await api.create('pods', 'default', pod('p1', { app: 'a' }));
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(created.metadata.namespace).toBe('default');
    expect(created.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created.spec.restartPolicy).toBe('Always');
    expect(created.spec.terminationGracePeriodSeconds).toBe(30);
    expect(created.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(created.status.phase).toBe('Pending');
    const got = await api.get('po', 'default', 'p1');
    expect(got).toEqual(created);
    const dup = await refused(api.create('pods', 'default', pod('p1')));
    expect(dup.reason).toBe('AlreadyExists');
    expect(dup.message).toContain('pods "p1" already exists');
  });

  it('update needs the current resourceVersion; a stale one is a Conflict and changes nothing', async () => {
    const d = await api.create('deployments', 'default', deployment('web'));
    expect(d.metadata.generation).toBe(1);
    const next = structuredClone(d);
    next.spec.replicas = 5;
    const updated = await api.update('deployments', 'default', next);
    expect(updated.spec.replicas).toBe(5);
    expect(updated.metadata.generation).toBe(2);
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(Number(d.metadata.resourceVersion));
    const stale = structuredClone(d);
    stale.spec.replicas = 7;
    const err = await refused(api.update('deployments', 'default', stale));
    expect(err.reason).toBe('Conflict');
    expect((await api.get('deployments', 'default', 'web')).spec.replicas).toBe(5);
    // Labels only: generation stays.
    const relabeled = await api.patch('deployments', 'default', 'web', { metadata: { labels: { tier: 'front' } } });
    expect(relabeled.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(relabeled.metadata.generation).toBe(2);
  });

  it('refuses bad manifests naming every bad field, and stores nothing', async () => {
    const before = await api.list('deployments', 'default');
    const bad = deployment('bad-one');
    bad.spec.replica = 3; // misspelt
    bad.spec.template.spec.containers[0].ports[0].containerPort = '80'; // wrong type
    const e1 = await refused(api.create('deployments', 'default', bad));
    expect(e1.reason).toBe('Invalid');
    expect(e1.message).toContain('spec.replica: unknown field');
    expect(e1.message).toContain('spec.template.spec.containers[0].ports[0].containerPort');

    const bad2 = deployment('Bad_Name');
    delete bad2.spec.template.spec.containers[0].image;
    bad2.spec.template.metadata.labels = { app: 'other' };
    bad2.spec.replicas = -1;
    const e2 = await refused(api.create('deployments', 'default', bad2));
    expect(e2.reason).toBe('Invalid');
    expect(e2.message).toContain('metadata.name');
    expect(e2.message).toContain('spec.template.spec.containers[0].image');
    expect(e2.message).toContain('spec.replicas');
    expect(e2.message).toContain('spec.template.metadata.labels');

    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 70000 }], selector: { app: 'x' } } };
    const e3 = await refused(api.create('services', 'default', svc));
    expect(e3.message).toContain('spec.ports[0].port');

    const e4 = await refused(api.create('deployments', 'default', { ...deployment('wrong-kind'), kind: 'Pod' }));
    expect(e4.reason).toBe('BadRequest');
    const e5 = await refused(api.create('deployments', 'default', { ...deployment('old-api'), apiVersion: 'extensions/v1beta1' }));
    expect(e5.message).toContain('apiVersion');

    const after = await api.list('deployments', 'default');
    expect(after.items.map((i) => i.metadata.name)).toEqual(before.items.map((i) => i.metadata.name));
    expect(after.resourceVersion).toBe(before.resourceVersion);
  });

  it('refuses an object over the size limit and stores nothing', async () => {
    // A ConfigMap's own rule caps its data at 1 MiB; the store's limit catches everything else.
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'huge' }, data: { blob: 'x'.repeat(1100 * 1024) } };
    const e1 = await refused(api.create('configmaps', 'default', cm));
    expect(e1.reason).toBe('Invalid');
    expect(e1.message).toContain('data');
    const env = Array.from({ length: 40 }, (_, i) => ({ name: `V${i}`, value: 'y'.repeat(30 * 1024) }));
    const big = pod('huge');
    big.spec.containers[0].env = env;
    const e2 = await refused(api.create('pods', 'default', big));
    expect(e2.reason).toBe('RequestEntityTooLarge');
    expect(e2.message).toContain('the limit is 1048576');
    expect((await refused(api.get('configmaps', 'default', 'huge'))).reason).toBe('NotFound');
    expect((await refused(api.get('pods', 'default', 'huge'))).reason).toBe('NotFound');
  });

  it('no broken manifest crashes the master or stores anything (fast-check)', async () => {
    const base = deployment('fuzz');
    const start = await api.list('deployments', 'default');
    const junk = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }));
    const paths = [
      ['spec'],
      ['spec', 'replicas'],
      ['spec', 'selector'],
      ['spec', 'selector', 'matchLabels'],
      ['spec', 'template'],
      ['spec', 'template', 'spec', 'containers'],
      ['spec', 'template', 'spec', 'containers', 0, 'ports'],
      ['spec', 'template', 'spec', 'containers', 0, 'image'],
      ['spec', 'template', 'spec', 'containers', 0, 'resources'],
      ['spec', 'strategy'],
      ['metadata', 'labels'],
      ['metadata', 'name'],
      ['metadata'],
    ];
    let refusedCount = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...paths), junk), { minLength: 1, maxLength: 3 }), async (edits) => {
        const obj = structuredClone(base);
        for (const [p, v] of edits) {
          let at: Obj = obj;
          for (const k of p.slice(0, -1)) {
            if (typeof at[k as string] !== 'object' || at[k as string] === null) at[k as string] = {};
            at = at[k as string];
          }
          at[p[p.length - 1] as string] = v;
        }
        try {
          const created = await api.create('deployments', 'default', obj, { dryRun: true });
          // Accepted ones must be valid objects (dry run: nothing stored either way).
          expect(created.kind).toBe('Deployment');
        } catch (err) {
          expect(err).toBeInstanceOf(ApiCallError);
          expect(['Invalid', 'BadRequest']).toContain((err as ApiCallError).reason);
          refusedCount++;
        }
      }),
      { numRuns: 150, seed: 4242 },
    );
    expect(refusedCount).toBeGreaterThan(50);
    const end = await api.list('deployments', 'default');
    expect(end.resourceVersion).toBe(start.resourceVersion);
  });

  it('lists by label and field selectors, and pages at one revision', async () => {
    await api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pages' } });
    for (let i = 0; i < 25; i++) {
      await api.create('pods', 'pages', pod(`p${String(i).padStart(2, '0')}`, { idx: String(i % 5), tier: i < 10 ? 'a' : 'b' }, i % 2 ? { nodeName: 'n1' } : {}));
    }
    const byLabel = await api.list('pods', 'pages', { labelSelector: 'idx in (1,2),tier!=a' });
    expect(byLabel.items.map((p) => p.metadata.name)).toEqual(['p11', 'p12', 'p16', 'p17', 'p21', 'p22']);
    const byField = await api.list('pods', 'pages', { fieldSelector: 'spec.nodeName=n1', labelSelector: 'idx=1' });
    expect(byField.items.map((p) => p.metadata.name)).toEqual(['p01', 'p11', 'p21']);
    const unbound = await api.list('pods', 'pages', { fieldSelector: 'spec.nodeName=' });
    expect(unbound.items).toHaveLength(13);
    expect((await refused(api.list('pods', 'pages', { fieldSelector: 'spec.image=x' }))).reason).toBe('BadRequest');
    expect((await refused(api.list('pods', 'pages', { labelSelector: 'a in (' }))).reason).toBe('BadRequest');

    const first = await api.list('pods', 'pages', { limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.remainingItemCount).toBe(15);
    // A change between pages is not seen by the later pages.
    await api.create('pods', 'pages', pod('p00a'));
    await api.delete('pods', 'pages', 'p24', { gracePeriodSeconds: 0 });
    const second = await api.list('pods', 'pages', { limit: 10, continueToken: first.continueToken });
    const third = await api.list('pods', 'pages', { limit: 10, continueToken: second.continueToken });
    expect(third.continueToken).toBe('');
    const names = [...first.items, ...second.items, ...third.items].map((p) => p.metadata.name);
    expect(names).toHaveLength(25);
    expect(names).toContain('p24');
    expect(names).not.toContain('p00a');
    expect(second.resourceVersion).toBe(first.resourceVersion);
    // Paged through a selector.
    const sel = await api.listAll('pods', 'pages', { labelSelector: 'tier=b', limit: 4 });
    expect(sel.items.map((p) => p.metadata.name)).toEqual(['p00a', 'p10', 'p11', 'p12', 'p13', 'p14', 'p15', 'p16', 'p17', 'p18', 'p19', 'p20', 'p21', 'p22', 'p23'].filter((n) => n !== 'p00a'));
    // Across namespaces.
    const all = await api.list('pods', '', { labelSelector: 'idx=0' });
    expect(all.items.every((p) => p.metadata.labels.idx === '0')).toBe(true);
    expect(all.items.some((p) => p.metadata.namespace === 'pages')).toBe(true);
  });

  it('watches from a version: ADDED / MODIFIED / DELETED, selector transitions, bookmarks', async () => {
    await api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'watch' } });
    const start = await api.list('pods', 'watch');
    const seen: string[] = [];
    const w = api.watch('pods', 'watch', { resourceVersion: start.resourceVersion, labelSelector: 'role=web', allowBookmarks: true }, (type, obj) => {
      seen.push(type === 'BOOKMARK' ? 'BOOKMARK' : `${type} ${obj.metadata.name} ${obj.metadata.labels?.role ?? '-'}`);
    });
    await api.create('pods', 'watch', pod('w1', { role: 'web' }));
    await api.create('pods', 'watch', pod('w2', { role: 'db' }));
    await api.patch('pods', 'watch', 'w1', { metadata: { annotations: { a: 'b' } } });
    await api.patch('pods', 'watch', 'w2', { metadata: { labels: { role: 'web' } } }); // enters
    await api.patch('pods', 'watch', 'w1', { metadata: { labels: { role: 'db' } } }); // leaves
    await api.delete('pods', 'watch', 'w2', { gracePeriodSeconds: 0 });
    await waitFor(async () => (seen.includes('BOOKMARK') && seen.length >= 6 ? true : undefined), 5000, () => `events: ${seen.join(' | ')}`);
    w.cancel();
    expect(seen.filter((s) => s !== 'BOOKMARK')).toEqual(['ADDED w1 web', 'MODIFIED w1 web', 'ADDED w2 web', 'DELETED w1 db', 'DELETED w2 web']);
    expect(await w.done).toBeUndefined();
  });

  it('a watch from a compacted version is Gone; one without a version starts with the current state', async () => {
    await api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    const a = await api.create('configmaps', 'gone', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' }, data: { k: 'v' } });
    const old = Number(a.metadata.resourceVersion);
    await api.patch('configmaps', 'gone', 'c1', { data: { k: 'v2' } });
    const b = await api.patch('configmaps', 'gone', 'c1', { data: { k: 'v3' } });
    await call((cb) => kvClient(m.endpoint).Compact({ revision: Number(b.metadata.resourceVersion) }, cb));
    const w = api.watch('configmaps', 'gone', { resourceVersion: String(old) }, () => undefined);
    const err = await w.done;
    expect(err?.reason).toBe('Gone');
    expect((await refused(api.list('configmaps', 'gone', { resourceVersion: String(old) }))).reason).toBe('Gone');

    const seen: string[] = [];
    const w2 = api.watch('configmaps', 'gone', {}, (t, o) => seen.push(`${t} ${o.metadata.name} ${o.data.k}`));
    await waitFor(async () => (seen.length >= 1 ? true : undefined), 5000, () => 'no initial ADDED');
    await api.patch('configmaps', 'gone', 'c1', { data: { k: 'v4' } });
    await waitFor(async () => (seen.length >= 2 ? true : undefined), 5000, () => seen.join(' | '));
    w2.cancel();
    expect(seen).toEqual(['ADDED c1 v3', 'MODIFIED c1 v4']);
  });

  it('status, scale and binding subresources', async () => {
    const d = await api.create('deployments', 'default', deployment('sub', 1));
    expect(d.status).toBeUndefined();
    // Status through the main resource is ignored; spec through status is ignored.
    const withStatus = { ...structuredClone(d), status: { replicas: 9 } };
    const u = await api.update('deployments', 'default', withStatus);
    expect(u.status).toBeUndefined();
    const s = await api.update('deployments', 'default', { ...structuredClone(d), spec: { ...d.spec, replicas: 4 }, status: { replicas: 1, readyReplicas: 1 } }, { subresource: 'status' });
    expect(s.status).toEqual({ replicas: 1, readyReplicas: 1 });
    expect(s.spec.replicas).toBe(1);
    const scale = await api.get('deployments', 'default', 'sub', 'scale');
    expect(scale).toMatchObject({ kind: 'Scale', spec: { replicas: 1 }, status: { replicas: 1, selector: 'app=sub' } });
    const scaled = await api.patch('deployments', 'default', 'sub', { spec: { replicas: 3 } }, { subresource: 'scale' });
    expect(scaled.spec.replicas).toBe(3);
    expect((await api.get('deployments', 'default', 'sub')).spec.replicas).toBe(3);
    expect((await refused(api.patch('deployments', 'default', 'sub', { spec: { replicas: -2 } }, { subresource: 'scale' }))).reason).toBe('Invalid');

    const p = await api.create('pods', 'default', pod('unbound'));
    const bound = await api.create('pods', 'default', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'unbound' }, target: { kind: 'Node', name: 'node-a' } }, { subresource: 'binding' });
    expect(bound.spec.nodeName).toBe('node-a');
    expect(bound.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'True' }));
    const again = await refused(api.create('pods', 'default', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'unbound' }, target: { name: 'node-b' } }, { subresource: 'binding' }));
    expect(again.reason).toBe('Conflict');
    expect(again.message).toContain('already assigned to node "node-a"');
    expect(p.metadata.uid).toBe(bound.metadata.uid);
  });

  it('deletion: grace for pods on nodes, finalizers hold an object, preconditions', async () => {
    await api.create('pods', 'default', pod('on-node', {}, { nodeName: 'n1', terminationGracePeriodSeconds: 20 }));
    const terminating = await api.delete('pods', 'default', 'on-node');
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(20);
    expect((await api.get('pods', 'default', 'on-node')).metadata.deletionGracePeriodSeconds).toBe(20);
    // The agent's final delete.
    await api.delete('pods', 'default', 'on-node', { gracePeriodSeconds: 0 });
    expect((await refused(api.get('pods', 'default', 'on-node'))).reason).toBe('NotFound');

    const cm = await api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] }, data: {} });
    expect((await refused(api.delete('configmaps', 'default', 'held', { preconditionUid: 'nope' }))).reason).toBe('Conflict');
    const held = await api.delete('configmaps', 'default', 'held', { preconditionUid: cm.metadata.uid });
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect((await api.get('configmaps', 'default', 'held')).metadata.finalizers).toEqual(['example.com/hold']);
    await api.patch('configmaps', 'default', 'held', { metadata: { finalizers: null } });
    expect((await refused(api.get('configmaps', 'default', 'held'))).reason).toBe('NotFound');

    const orphaned = await api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orph' } });
    const o = await api.delete('configmaps', 'default', 'orph', { propagationPolicy: 'Orphan' });
    expect(o.metadata.finalizers).toEqual(['orphan']);
    expect(orphaned.metadata.uid).toBe(o.metadata.uid);
  });

  it('admission: the namespace must exist and not be terminating', async () => {
    const missing = await refused(api.create('pods', 'nowhere', pod('x')));
    expect(missing.reason).toBe('NotFound');
    expect(missing.message).toContain('namespaces "nowhere" not found');
    await api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    const ns = await api.delete('namespaces', '', 'doomed');
    expect(ns.status.phase).toBe('Terminating');
    const forbidden = await refused(api.create('pods', 'doomed', pod('x')));
    expect(forbidden.reason).toBe('Forbidden');
    expect(forbidden.message).toContain('being terminated');
  });

  it('apply creates, leaves an unchanged object alone, and keeps fields the manifest never set', async () => {
    const manifest = deployment('applied', 2);
    expect((await api.apply('deployments', 'default', manifest)).outcome).toBe('created');
    const again = await api.apply('deployments', 'default', manifest);
    expect(again.outcome).toBe('unchanged');
    // Someone else sets a field the manifest does not have (an annotation on the template).
    await api.patch('deployments', 'default', 'applied', { spec: { paused: true } });
    const edited = structuredClone(manifest);
    edited.spec.replicas = 4;
    const res = await api.apply('deployments', 'default', edited);
    expect(res.outcome).toBe('configured');
    expect(res.obj.spec.replicas).toBe(4);
    expect(res.obj.spec.paused).toBe(true);
    // A field removed from the manifest is removed from the object.
    const withLabel = structuredClone(edited);
    withLabel.metadata.labels.extra = 'x';
    await api.apply('deployments', 'default', withLabel);
    const removed = await api.apply('deployments', 'default', edited);
    expect(removed.obj.metadata.labels).toEqual({ app: 'applied' });
  });
});
