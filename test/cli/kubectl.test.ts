// The kubectl-like commands as a user types them: `node bin/shoal.js ...` as a child process
// against a real master (in this process), on the manifests in test/fixtures/manifests.
// Every check reads what the command printed and what the registry then holds.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ApiClient } from '../../src/cli/api-client.ts';
import { freePort } from '../../src/cli/free-port.ts';
import { COMPLETION_COMMANDS } from '../../src/cli/kube/completion.ts';
import { startSingleMaster, type SingleMaster } from '../store/single-master.ts';
import { waitFor } from './harness.ts';
import { Background, runShoal, type RunResult } from './run-shoal.ts';

const execFileAsync = promisify(execFile);
const FIX = fileURLToPath(new URL('../fixtures/manifests/', import.meta.url));
const fix = (f: string) => path.join(FIX, f);

let master: SingleMaster;
let api: ApiClient;
let home: string;
let env: Record<string, string | undefined>;

const sh = (...args: string[]): Promise<RunResult> => runShoal(args, { env });
const shIn = (input: string, ...args: string[]): Promise<RunResult> => runShoal(args, { env, input });
const lines = (s: string) => s.split('\n').filter((l) => l !== '');

/** Exit 0 and nothing on stderr; returns stdout. */
async function ok(...args: string[]): Promise<string> {
  const r = await sh(...args);
  expect(r.stderr, `shoal ${args.join(' ')}`).toBe('');
  expect(r.code, `shoal ${args.join(' ')}: ${r.stdout}`).toBe(0);
  return r.stdout;
}

async function json(...args: string[]): Promise<any> {
  return JSON.parse(await ok(...args, '-o', 'json'));
}

beforeAll(async () => {
  // No scheduler or controllers: the test plays them (ReplicaSets made by hand, statuses
  // written as the Deployment controller would), so what it checks is the CLI alone.
  master = await startSingleMaster(['--controllers=false']);
  api = new ApiClient([master.endpoint]);
  home = mkdtempSync(path.join(tmpdir(), 'shoal-kubectl-home-'));
  env = { HOME: home, SHOAL_ENDPOINTS: master.endpoint, SHOAL_CONFIG: undefined };
  // The master creates the system namespaces just after it starts.
  await waitFor(async () => (await api.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 10_000, () => 'no default namespace');
}, 60_000);

afterAll(async () => {
  api?.close();
  await master?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('apply', () => {
  it('creates, then leaves unchanged, then configures after an edit', async () => {
    expect(await ok('apply', '-f', fix('nginx-deployment.yaml'))).toBe('deployment.apps/nginx-deployment created\n');
    expect(await ok('apply', '-f', fix('nginx-deployment.yaml'))).toBe('deployment.apps/nginx-deployment unchanged\n');
    const edited = path.join(home, 'nginx-edited.yaml');
    writeFileSync(edited, readFileSync(fix('nginx-deployment.yaml'), 'utf8').replace('image: nginx:1.14.2', 'image: nginx:1.16.1'));
    expect(await ok('apply', '-f', edited)).toBe('deployment.apps/nginx-deployment configured\n');
    expect((await json('get', 'deploy', 'nginx-deployment')).spec.template.spec.containers[0].image).toBe('nginx:1.16.1');
    expect(await ok('apply', '-f', fix('nginx-deployment.yaml'))).toBe('deployment.apps/nginx-deployment configured\n');
    const d = await api.get('deployments', 'default', 'nginx-deployment');
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] });
  });

  it('applies a directory (its manifests in name order, a List inside, other files skipped) and a multi-document file', async () => {
    expect(await ok('apply', '-f', fix('web-app'))).toBe('deployment.apps/backend created\nservice/backend created\nservice/backend-admin created\n');
    expect(await ok('apply', '-f', fix('frontend.yaml'), '-f', fix('my-service.yaml'))).toBe(
      'configmap/frontend-config created\ndeployment.apps/frontend created\nservice/my-service created\n',
    );
    const svc = await api.get('services', 'default', 'my-service');
    expect(svc.spec.selector).toEqual({ app: 'MyApp' });
    expect(svc.spec.ports[0]).toMatchObject({ protocol: 'TCP', port: 80, targetPort: 9376 });
  });

  it('reads JSON from stdin with -f -', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-stdin' }, data: { k: 'v' } };
    const r = await shIn(JSON.stringify(cm), 'apply', '-f', '-');
    expect(r).toMatchObject({ code: 0, stdout: 'configmap/from-stdin created\n', stderr: '' });
    expect((await api.get('configmaps', 'default', 'from-stdin')).data).toEqual({ k: 'v' });
  });

  it('refuses an invalid manifest naming each bad field, exits 1, and stores nothing', async () => {
    const r = await sh('apply', '-f', fix('invalid-deployment.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `Error from server (Invalid): error when applying "${fix('invalid-deployment.yaml')}": Deployment "broken" is invalid:\n` +
        '* spec.replicas: must be greater than or equal to 0\n' +
        '* spec.template.spec.containers[0].image: required\n',
    );
    const get = await sh('get', 'deployment', 'broken');
    expect(get).toMatchObject({ code: 1, stdout: '', stderr: 'Error from server (NotFound): deployments "broken" not found\n' });
  });

  it('reports a YAML syntax error and an unknown kind with the source, exit 1', async () => {
    const bad = await shIn('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n', 'apply', '-f', '-');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: error parsing <stdin>: /);
    const unknown = await shIn('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n', 'apply', '-f', '-');
    expect(unknown).toMatchObject({ code: 1, stderr: 'error: unable to recognize "<stdin>": no matches for kind "Widget" in version "example.com/v1"\n' });
  });
});

describe('create', () => {
  it('makes namespaces, configmaps and deployments from flags, and refuses one that exists', async () => {
    expect(await ok('create', 'namespace', 'team-a')).toBe('namespace/team-a created\n');
    expect(await ok('create', 'configmap', 'settings', '--from-literal=mode=fast', '--from-literal=level=3', '-n', 'team-a')).toBe('configmap/settings created\n');
    expect((await api.get('configmaps', 'team-a', 'settings')).data).toEqual({ mode: 'fast', level: '3' });
    expect(await ok('create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2', '-n', 'team-a')).toBe('deployment.apps/web created\n');
    const d = await api.get('deployments', 'team-a', 'web');
    expect(d.spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: 'web' } } });
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.25' });
    // A client-side dry run prints the object and stores nothing.
    const dryText = await ok('create', 'deployment', 'dry', '--image=busybox:1.36', '--dry-run=client', '-o', 'yaml');
    expect(dryText).not.toMatch(/[&*]a\d/); // labels shared in memory are not written as YAML anchors
    expect(parseYaml(dryText)).toMatchObject({ kind: 'Deployment', spec: { selector: { matchLabels: { app: 'dry' } }, template: { metadata: { labels: { app: 'dry' } } } } });
    expect((await sh('get', 'deploy', 'dry')).code).toBe(1);
    const again = await sh('create', '-f', fix('my-service.yaml'));
    expect(again).toMatchObject({ code: 1, stderr: `Error from server (AlreadyExists): error when creating "${fix('my-service.yaml')}": services "my-service" already exists\n` });
  });
});

describe('get', () => {
  it('prints kubectl tables', async () => {
    const deploys = lines(await ok('get', 'deployments'));
    expect(deploys[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(deploys.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['backend', 'frontend', 'nginx-deployment']);
    expect(deploys[3]).toMatch(/^nginx-deployment\s+0\/3\s+0\s+0\s+\d+s$/);
    const svc = lines(await ok('get', 'svc', 'my-service'));
    expect(svc[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(svc[1]).toMatch(/^my-service\s+ClusterIP\s+\S+\s+<none>\s+80\/TCP\s+\d+s$/);
    const cms = lines(await ok('get', 'cm', '-n', 'team-a'));
    expect(cms).toEqual([expect.stringMatching(/^NAME\s+DATA\s+AGE$/), expect.stringMatching(/^settings\s+2\s+\d+s$/)]);
    const ns = lines(await ok('get', 'ns', 'team-a'));
    expect(ns[1]).toMatch(/^team-a\s+Active\s+\d+s$/);
  });

  it('-o wide, name, json and yaml', async () => {
    const wide = lines(await ok('get', 'deploy', 'nginx-deployment', '-o', 'wide'));
    expect(wide[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(wide[1]).toMatch(/^nginx-deployment\s+0\/3\s+0\s+0\s+\d+s\s+nginx\s+nginx:1\.14\.2\s+app=nginx$/);
    expect(await ok('get', 'deploy', '-o', 'name')).toBe('deployment.apps/backend\ndeployment.apps/frontend\ndeployment.apps/nginx-deployment\n');
    const list = await json('get', 'deploy');
    expect(list.kind).toBe('List');
    expect(list.items.map((d: any) => d.metadata.name)).toEqual(['backend', 'frontend', 'nginx-deployment']);
    const one = parseYaml(await ok('get', 'deploy/nginx-deployment', '-o', 'yaml'));
    expect(one).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment', namespace: 'default' }, spec: { replicas: 3 } });
  });

  it('-l, --field-selector, -A, --show-labels, several types and TYPE/NAME', async () => {
    expect(await ok('get', 'deploy,svc', '-l', 'app=backend', '-o', 'name')).toBe('deployment.apps/backend\nservice/backend\nservice/backend-admin\n');
    expect(await ok('get', 'svc', '--field-selector', 'metadata.name=my-service', '-o', 'name')).toBe('service/my-service\n');
    const all = lines(await ok('get', 'deploy', '-A'));
    expect(all[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(all.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join('/'))).toEqual(['default/backend', 'default/frontend', 'default/nginx-deployment', 'team-a/web']);
    const labels = lines(await ok('get', 'deploy', 'frontend', '--show-labels'));
    expect(labels[0]).toMatch(/\sLABELS$/);
    expect(labels[1]).toMatch(/\sapp=frontend,tier=web$/);
    const pair = await ok('get', 'deploy/nginx-deployment', 'svc/my-service');
    expect(pair).toMatch(/^NAME\s+READY.*\ndeployment\.apps\/nginx-deployment\s+0\/3.*\n\nNAME\s+TYPE.*\nservice\/my-service\s+ClusterIP/);
    const everything = await ok('get', 'all');
    expect(everything).toMatch(/^service\/backend-admin\s/m);
    expect(everything).toMatch(/^deployment\.apps\/frontend\s/m);
  });

  it('says so when nothing matches, and fails on an unknown type or a missing object', async () => {
    expect(await ok('create', 'namespace', 'empty')).toBe('namespace/empty created\n');
    expect(await sh('get', 'pods', '-n', 'empty')).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in empty namespace.\n' });
    expect(await sh('get', 'widgets')).toMatchObject({ code: 1, stderr: 'error: the server doesn\'t have a resource type "widgets"\n' });
    expect(await sh('get', 'svc', 'nope', 'my-service', '-o', 'name')).toMatchObject({
      code: 1,
      stdout: 'service/my-service\n',
      stderr: 'Error from server (NotFound): services "nope" not found\n',
    });
    expect(await sh('get', 'svc', 'nope', '--ignore-not-found')).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('-w prints a row for every change after the list', async () => {
    const w = new Background(['get', 'deploy', 'nginx-deployment', '-w'], env);
    try {
      await w.waitFor(/^nginx-deployment\s+0\/3\s/m);
      await api.patch('deployments', 'default', 'nginx-deployment', { spec: { replicas: 6 } });
      await w.waitFor(/^nginx-deployment\s+0\/6\s/m);
      await api.patch('deployments', 'default', 'nginx-deployment', { spec: { replicas: 3 } });
      await w.waitFor(/(^nginx-deployment\s.*\n){3}/m);
      const rows = lines(w.stdout);
      expect(rows[0]).toMatch(/^NAME\s+READY/);
      expect(rows.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(['0/3', '0/6', '0/3']);
    } finally {
      w.stop();
      await w.exited;
    }
  });
});

describe('describe', () => {
  it('shows the deployment, its template and the events about it (not those about another kind of the same name)', async () => {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const event = (name: string, kind: string, reason: string, message: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name },
      involvedObject: { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, name: 'nginx-deployment', namespace: 'default' },
      reason,
      message,
      type: 'Normal',
      source: { component: 'deployment-controller' },
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    });
    const events = { apiVersion: 'v1', kind: 'List', items: [event('ev-deploy', 'Deployment', 'ScalingReplicaSet', 'Scaled up replica set nginx-deployment-abc to 3'), event('ev-svc', 'Service', 'SomethingElse', 'about a service')] };
    expect((await shIn(JSON.stringify(events), 'create', '-f', '-')).stdout).toBe('event/ev-deploy created\nevent/ev-svc created\n');

    const out = await ok('describe', 'deployment', 'nginx-deployment');
    expect(out).toMatch(/^Name:\s+nginx-deployment$/m);
    expect(out).toMatch(/^Namespace:\s+default$/m);
    expect(out).toMatch(/^Labels:\s+app=nginx$/m);
    expect(out).toMatch(/^Selector:\s+app=nginx$/m);
    expect(out).toMatch(/^Replicas:\s+3 desired \| 0 updated \| 0 total \| 0 available \| 3 unavailable$/m);
    expect(out).toMatch(/^Pod Template:\n {2}Labels:\s+app=nginx\n {2}Containers:\n {4}nginx:\n {6}Image:\s+nginx:1\.14\.2\n {6}Port:\s+80\/TCP$/m);
    expect(out).toMatch(/^Events:\n {2}Type\s+Reason\s+Age\s+From\s+Message\n {2}-+\s+-+\s+-+\s+-+\s+-+\n {2}Normal\s+ScalingReplicaSet\s+\d+s\s+deployment-controller\s+Scaled up replica set nginx-deployment-abc to 3$/m);
    expect(out).not.toContain('SomethingElse');
    // The last-applied copy of the manifest is noise in a description.
    expect(out).not.toContain('last-applied');

    const svc = await ok('describe', 'svc/my-service');
    expect(svc).toMatch(/^Selector:\s+app=MyApp$/m);
    expect(svc).toMatch(/^TargetPort:\s+9376\/TCP$/m);
    expect(svc).toMatch(/^Events:\s+<none>$/m);
    expect(await sh('describe', 'deploy', 'ghost')).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): deployments "ghost" not found\n' });

    const ev = lines(await ok('get', 'events'));
    expect(ev[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(ev).toContainEqual(expect.stringMatching(/^\d+s\s+Normal\s+ScalingReplicaSet\s+deployment\/nginx-deployment\s+Scaled up replica set nginx-deployment-abc to 3$/));
  });
});

describe('label, annotate, scale', () => {
  it('sets and removes labels, refusing to change one without --overwrite', async () => {
    expect(await ok('label', 'deploy', 'nginx-deployment', 'tier=web')).toBe('deployment.apps/nginx-deployment labeled\n');
    expect(await sh('label', 'deploy', 'nginx-deployment', 'tier=db')).toMatchObject({ code: 1, stderr: "error: 'tier' already has a value (web), and --overwrite is false\n" });
    expect(await ok('label', 'deploy/nginx-deployment', 'tier=db', '--overwrite')).toBe('deployment.apps/nginx-deployment labeled\n');
    expect((await api.get('deployments', 'default', 'nginx-deployment')).metadata.labels).toEqual({ app: 'nginx', tier: 'db' });
    expect(await ok('get', 'deploy', '-l', 'tier=db', '-o', 'name')).toBe('deployment.apps/nginx-deployment\n');
    expect(await ok('label', 'deploy', 'nginx-deployment', 'tier-')).toBe('deployment.apps/nginx-deployment unlabeled\n');
    expect((await api.get('deployments', 'default', 'nginx-deployment')).metadata.labels).toEqual({ app: 'nginx' });
  });

  it('annotates', async () => {
    expect(await ok('annotate', 'deploy', 'nginx-deployment', 'owner=team a', 'ticket=OPS-1')).toBe('deployment.apps/nginx-deployment annotated\n');
    expect(await ok('annotate', 'deploy', 'nginx-deployment', 'ticket-')).toBe('deployment.apps/nginx-deployment annotated\n');
    const ann = (await api.get('deployments', 'default', 'nginx-deployment')).metadata.annotations;
    expect(ann.owner).toBe('team a');
    expect(ann).not.toHaveProperty('ticket');
  });

  it('scales through the scale subresource, with a --current-replicas precondition', async () => {
    expect(await ok('scale', 'deploy/nginx-deployment', '--replicas=5')).toBe('deployment.apps/nginx-deployment scaled\n');
    expect(lines(await ok('get', 'deploy', 'nginx-deployment'))[1]).toMatch(/^nginx-deployment\s+0\/5\s/);
    expect(await sh('scale', 'deploy', 'nginx-deployment', '--replicas=2', '--current-replicas=3')).toMatchObject({ code: 1, stderr: 'error: Expected replicas to be 3, was 5\n' });
    expect(await ok('scale', 'deploy', 'nginx-deployment', '--replicas=3', '--current-replicas=5')).toBe('deployment.apps/nginx-deployment scaled\n');
    expect((await api.get('deployments', 'default', 'nginx-deployment')).spec.replicas).toBe(3);
    expect((await sh('scale', 'deploy/nginx-deployment')).code).toBe(2);
  });
});

describe('rollout', () => {
  it('history and undo over ReplicaSets made by hand (owned by uid, numbered by annotation)', async () => {
    const d = await api.get('deployments', 'default', 'nginx-deployment');
    const rs = (rev: number, image: string, cause?: string) => ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `nginx-deployment-r${rev}`,
        labels: { app: 'nginx', 'pod-template-hash': `h${rev}` },
        annotations: { 'deployment.kubernetes.io/revision': String(rev), ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment', uid: d.metadata.uid, controller: true }],
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'nginx', 'pod-template-hash': `h${rev}` } },
        template: { metadata: { labels: { app: 'nginx', 'pod-template-hash': `h${rev}` } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] } },
      },
    });
    // A ReplicaSet of the same name pattern owned by someone else is not history.
    const stranger = { ...rs(9, 'nginx:9'), metadata: { ...rs(9, 'nginx:9').metadata, name: 'stranger', ownerReferences: [] } };
    const list = { apiVersion: 'v1', kind: 'List', items: [rs(1, 'nginx:1.14.2'), rs(2, 'nginx:1.16.1', 'image bumped'), stranger] };
    expect((await shIn(JSON.stringify(list), 'apply', '-f', '-')).code).toBe(0);

    expect(await ok('rollout', 'history', 'deployment/nginx-deployment')).toMatch(/^deployment\.apps\/nginx-deployment\nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+image bumped\n$/);
    expect(await ok('rollout', 'history', 'deploy/nginx-deployment', '--revision=2')).toMatch(/^deployment\.apps\/nginx-deployment with revision #2\nPod Template:\n[^]*Image:\s+nginx:1\.16\.1\n/);

    // Undo goes to the revision before the newest (1), then --to-revision picks one.
    await api.patch('deployments', 'default', 'nginx-deployment', { spec: { template: { metadata: { labels: { extra: 'x' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:broken' }] } } } });
    expect(await ok('rollout', 'undo', 'deploy/nginx-deployment')).toBe('deployment.apps/nginx-deployment rolled back\n');
    let t = (await api.get('deployments', 'default', 'nginx-deployment')).spec.template;
    expect(t.metadata.labels).toEqual({ app: 'nginx' }); // no pod-template-hash, and the added label is gone
    expect(t.spec.containers[0]).toMatchObject({ image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] });
    expect(await ok('rollout', 'undo', 'deploy/nginx-deployment', '--to-revision=2')).toBe('deployment.apps/nginx-deployment rolled back\n');
    t = (await api.get('deployments', 'default', 'nginx-deployment')).spec.template;
    expect(t.spec.containers[0].image).toBe('nginx:1.16.1');
    expect(await ok('rollout', 'undo', 'deploy/nginx-deployment', '--to-revision=2')).toBe(
      'deployment.apps/nginx-deployment skipped rollback (current template already matches revision 2)\n',
    );
    expect(await sh('rollout', 'undo', 'deploy/nginx-deployment', '--to-revision=5')).toMatchObject({ code: 1, stderr: 'error: unable to find specified revision 5 in history\n' });
    expect(await sh('rollout', 'undo', 'deploy/backend')).toMatchObject({ code: 1, stderr: 'error: no rollout history found for deployment "backend"\n' });
    expect(await ok('rollout', 'undo', 'deploy/nginx-deployment', '--to-revision=1')).toBe('deployment.apps/nginx-deployment rolled back\n');
  });

  it('restart, pause and resume', async () => {
    expect(await ok('rollout', 'restart', 'deploy/frontend')).toBe('deployment.apps/frontend restarted\n');
    const at = (await api.get('deployments', 'default', 'frontend')).spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'];
    expect(Math.abs(Date.parse(at) - Date.now())).toBeLessThan(60_000);
    expect(await ok('rollout', 'pause', 'deploy/frontend')).toBe('deployment.apps/frontend paused\n');
    expect((await api.get('deployments', 'default', 'frontend')).spec.paused).toBe(true);
    expect(await sh('rollout', 'pause', 'deploy/frontend')).toMatchObject({ code: 1, stderr: 'error: deployments.apps "frontend" is already paused\n' });
    expect((await sh('rollout', 'restart', 'deploy/frontend')).code).toBe(1);
    expect(await ok('rollout', 'resume', 'deploy/frontend')).toBe('deployment.apps/frontend resumed\n');
    expect((await api.get('deployments', 'default', 'frontend')).spec.paused).toBeFalsy();
  });

  it('status waits, with progress on stderr, until every replica is updated and available', async () => {
    expect(await ok('create', 'deployment', 'roll', '--image=nginx:1.25', '--replicas=2')).toBe('deployment.apps/roll created\n');
    const w = new Background(['rollout', 'status', 'deploy/roll', '--timeout=40s'], env);
    // The Deployment controller is future work: the test writes the status it would.
    const setStatus = async (status: object) => {
      const cur = await api.get('deployments', 'default', 'roll');
      await api.update('deployments', 'default', { ...cur, status }, { subresource: 'status' });
    };
    try {
      await w.waitFor(/Waiting for deployment spec update to be observed\.\.\./, 15_000, 'stderr');
      await setStatus({ observedGeneration: 1, replicas: 1, updatedReplicas: 1 });
      await w.waitFor(/Waiting for deployment "roll" rollout to finish: 1 out of 2 new replicas have been updated\.\.\./, 15_000, 'stderr');
      await setStatus({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1 });
      await w.waitFor(/Waiting for deployment "roll" rollout to finish: 1 of 2 updated replicas are available\.\.\./, 15_000, 'stderr');
      await setStatus({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
      expect(await w.exited).toBe(0);
      expect(w.stdout).toBe('deployment "roll" successfully rolled out\n');
    } finally {
      w.stop();
    }
    expect(lines(await ok('get', 'deploy', 'roll'))[1]).toMatch(/^roll\s+2\/2\s+2\s+2\s/);
    // Already complete: at once.
    expect(await ok('rollout', 'status', 'deploy/roll')).toBe('deployment "roll" successfully rolled out\n');
    // One that never completes: bounded by --timeout.
    const stuck = await sh('rollout', 'status', 'deploy/backend', '--timeout=1s');
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toMatch(/error: timed out waiting for the condition/);
  });
});

describe('autoscale', () => {
  it('creates an autoscaling/v2 HPA for a deployment', async () => {
    expect(await ok('autoscale', 'deploy/nginx-deployment', '--min=2', '--max=5', '--cpu-percent=50')).toBe('horizontalpodautoscaler.autoscaling/nginx-deployment autoscaled\n');
    const hpa = await api.get('horizontalpodautoscalers', 'default', 'nginx-deployment');
    expect(hpa.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment' },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    });
    const rows = lines(await ok('get', 'hpa'));
    expect(rows[0]).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE$/);
    expect(rows[1]).toMatch(/^nginx-deployment\s+Deployment\/nginx-deployment\s+cpu: <unknown>\/50%\s+2\s+5\s+0\s+\d+s$/);
    expect(await sh('autoscale', 'deploy/ghost', '--max=3')).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): deployments "ghost" not found\n' });
  });
});

describe('nodes: cordon, uncordon, drain', () => {
  const pod = (name: string, node: string | undefined, owned: boolean) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(owned ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx-deployment-r1', uid: '5b0c3a8e-1111-4222-8333-944455556666', controller: true }] } : {}) },
    spec: { ...(node ? { nodeName: node } : {}), containers: [{ name: 'c', image: 'busybox' }] },
  });

  it('cordon / uncordon set spec.unschedulable', async () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1', labels: { 'node-role.kubernetes.io/worker': '' } } };
    expect((await shIn(JSON.stringify(node), 'create', '-f', '-')).stdout).toBe('node/worker-1 created\n');
    expect(await ok('cordon', 'worker-1')).toBe('node/worker-1 cordoned\n');
    expect(await ok('cordon', 'worker-1')).toBe('node/worker-1 already cordoned\n');
    expect(lines(await ok('get', 'nodes'))).toEqual([expect.stringMatching(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/), expect.stringMatching(/^worker-1\s+Unknown,SchedulingDisabled\s+worker\s+\d+s\s+<none>$/)]);
    expect((await api.get('nodes', '', 'worker-1')).spec.unschedulable).toBe(true);
    expect(await ok('uncordon', 'worker-1')).toBe('node/worker-1 uncordoned\n');
    expect((await api.get('nodes', '', 'worker-1')).spec?.unschedulable).toBeFalsy();
  });

  it('drain refuses pods without a controller unless --force, then deletes every pod on the node and waits', async () => {
    const pods = { apiVersion: 'v1', kind: 'List', items: [pod('bare-1', 'worker-1', false), pod('owned-1', 'worker-1', true), pod('elsewhere', undefined, false)] };
    expect((await shIn(JSON.stringify(pods), 'create', '-f', '-')).code).toBe(0);
    const refused = await sh('drain', 'worker-1', '--grace-period=0');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('node/worker-1 cordoned\n');
    expect(refused.stderr).toBe('error: unable to drain node "worker-1" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare-1\n');
    expect((await api.get('pods', 'default', 'bare-1')).metadata.name).toBe('bare-1');

    const r = await sh('drain', 'worker-1', '--force', '--grace-period=0', '--timeout=20s');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('Warning: deleting Pods that declare no controller: default/bare-1\n');
    expect(lines(r.stdout)).toEqual(['node/worker-1 already cordoned', 'deleting pod default/bare-1', 'deleting pod default/owned-1', 'pod/bare-1 deleted', 'pod/owned-1 deleted', 'node/worker-1 drained']);
    expect(await sh('get', 'pods', '--field-selector', 'spec.nodeName=worker-1')).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(await ok('get', 'pods', '-o', 'name')).toBe('pod/elsewhere\n');
  });
});

describe('delete', () => {
  it('by name, by selector, by file and --all, printing kubectl lines, and waits until gone', async () => {
    expect(await ok('delete', 'deploy', 'frontend')).toBe('deployments.apps "frontend" deleted\n');
    expect((await sh('get', 'deploy', 'frontend')).code).toBe(1);
    expect(await ok('delete', 'svc', '-l', 'app=backend')).toBe('services "backend" deleted\nservices "backend-admin" deleted\n');
    expect(await ok('delete', '-f', fix('my-service.yaml'))).toBe('services "my-service" deleted\n');
    expect(await ok('delete', 'cm', '--all', '-n', 'team-a')).toBe('configmaps "settings" deleted\n');
    expect(await sh('get', 'svc', '-o', 'name')).toMatchObject({ code: 0, stdout: '' });
    expect(await sh('delete', 'deploy', 'ghost')).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): deployments "ghost" not found\n' });
    expect(await sh('delete', 'deploy', 'ghost', '--ignore-not-found')).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect((await sh('delete', 'deploy')).code).toBe(2);
  });

  it('a pod on a node waits for its agent: --wait gives up after --timeout; --grace-period=0 --force deletes at once', async () => {
    const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'slow-1' }, spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'busybox' }] } };
    expect((await shIn(JSON.stringify(p), 'create', '-f', '-')).code).toBe(0);
    const r = await sh('delete', 'pod', 'slow-1', '--timeout=1s');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('pods "slow-1" deleted\n');
    expect(r.stderr).toMatch(/^waiting for pod\/slow-1 to be deleted; a pod on a node is removed by its node agent/m);
    expect(r.stderr).toMatch(/^error: timed out waiting for the condition on pod\/slow-1$/m);
    expect(lines(await ok('get', 'pod', 'slow-1'))[1]).toMatch(/^slow-1\s+0\/1\s+Terminating\s+0\s/);
    const f = await sh('delete', 'pod', 'slow-1', '--grace-period=0', '--force');
    expect(f.code).toBe(0);
    expect(f.stdout).toBe('pods "slow-1" deleted\n');
    expect(f.stderr).toMatch(/^Warning: Immediate deletion does not wait/);
    expect((await sh('get', 'pod', 'slow-1')).code).toBe(1);
  });
});

describe('connection and configuration', () => {
  it('a master that is down fails at once with one line; the next endpoint is tried', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const r = await runShoal(['get', 'ns', '--endpoints', dead], { env });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^Unable to connect to the server: ${dead.replace(/\./g, '\\.')}: `));
    expect(r.ms).toBeLessThan(8000);
    const f = await runShoal(['get', 'ns', 'team-a', '-o', 'name', '--endpoints', `${dead},http://${master.endpoint}`], { env });
    expect(f).toMatchObject({ code: 0, stdout: 'namespace/team-a\n' });
  });

  it('reads endpoints and namespace from ~/.shoal/config (YAML or JSON); the environment and flags come first', async () => {
    const cfgHome = mkdtempSync(path.join(tmpdir(), 'shoal-cfg-'));
    try {
      mkdirSync(path.join(cfgHome, '.shoal'));
      const dead = `127.0.0.1:${await freePort()}`;
      const noEnv = { ...env, HOME: cfgHome, SHOAL_ENDPOINTS: undefined };
      writeFileSync(path.join(cfgHome, '.shoal', 'config'), `# shoal client settings\nendpoints:\n  - ${dead}\n  - http://${master.endpoint}\nnamespace: team-a\n`);
      expect(await runShoal(['get', 'deploy', '-o', 'name'], { env: noEnv })).toMatchObject({ code: 0, stdout: 'deployment.apps/web\n' });
      expect(await runShoal(['get', 'deploy', 'roll', '-o', 'name', '-n', 'default'], { env: noEnv })).toMatchObject({ code: 0, stdout: 'deployment.apps/roll\n' });
      writeFileSync(path.join(cfgHome, '.shoal', 'config'), JSON.stringify({ endpoints: [dead] }));
      expect((await runShoal(['get', 'ns'], { env: noEnv })).code).toBe(1);
      expect((await runShoal(['get', 'ns', 'default', '-o', 'name'], { env: { ...noEnv, SHOAL_ENDPOINTS: master.endpoint } })).stdout).toBe('namespace/default\n');
      expect((await runShoal(['get', 'ns', 'default', '-o', 'name', '--endpoints', master.endpoint], { env: noEnv })).stdout).toBe('namespace/default\n');
    } finally {
      rmSync(cfgHome, { recursive: true, force: true });
    }
  });
});

describe('cluster, api-resources, logs/exec, completion', () => {
  it('cluster status shows the master, its leader and term, db size and health', async () => {
    const out = await ok('cluster', 'status');
    const [summary, header, row] = lines(out);
    expect(summary).toMatch(/^1\/1 masters answered; leader s1, term \d+; healthy$/);
    expect(header).toMatch(/^ENDPOINT\s+NAME\s+ID\s+ROLE\s+TERM\s+LEADER\s+APPLIED\s+DB SIZE\s+IN USE\s+HEALTH$/);
    expect(row).toMatch(new RegExp(`^${master.endpoint.replace(/\./g, '\\.')}\\s+s1\\s+[0-9a-f]+\\s+leader\\s+\\d+\\s+s1\\s+\\d+\\s+[\\d.]+ (B|kB|MB)\\s+[\\d.]+ (B|kB|MB)\\s+healthy$`));
  });

  it('api-resources lists the served types', async () => {
    const rows = lines(await ok('api-resources'));
    expect(rows[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(rows).toContainEqual(expect.stringMatching(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/));
    expect(rows).toContainEqual(expect.stringMatching(/^nodes\s+no\s+v1\s+false\s+Node$/));
    expect(lines(await ok('api-resources', '-o', 'name'))).toContain('horizontalpodautoscalers.autoscaling');
  });

  it('logs and exec refuse clearly when the pod does not exist or is not on a node (the agent path is tested in test/node/agent.test.ts)', async () => {
    const logs = await sh('logs', 'no-such-pod');
    expect(logs.code).toBe(1);
    expect(logs.stdout).toBe('');
    expect(logs.stderr).toContain('pods "no-such-pod" not found');
    const exec = await sh('exec', 'no-such-pod', '--', 'ls');
    expect(exec.code).toBe(1);
    expect(exec.stderr).toContain('pods "no-such-pod" not found');
    const noCmd = await sh('exec', 'some-pod');
    expect(noCmd.code).toBe(2);
    expect(noCmd.stderr).toContain('put the command after --');
  });

  it('completion prints a bash script that completes every command, live resource types and object names', async () => {
    const help = await runShoal(['--help'], { env });
    const commands = lines(help.stdout).flatMap((l) => /^ {2}(\S+)\s/.exec(l)?.[1] ?? []);
    expect(commands.length).toBeGreaterThan(15);
    expect(Object.keys(COMPLETION_COMMANDS).sort()).toEqual([...commands].sort());
    const script = await ok('completion', 'bash');
    expect(script).toContain('complete -F _shoal shoal');
    expect(script).toContain(`local commands="${commands.join(' ')}"`);
    const file = path.join(home, 'completion.bash');
    writeFileSync(file, script);
    expect((await execFileAsync('bash', ['-n', file])).stderr).toBe('');
    // Completing as bash would: command names, live resource types and object names.
    const bin = path.join(home, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'shoal'), `#!/bin/sh\nexec "${process.execPath}" "${path.resolve('bin/shoal.js')}" "$@"\n`, { mode: 0o755 });
    // Asynchronously: the master lives in this process and must keep answering meanwhile.
    const complete = async (...words: string[]): Promise<string> => {
      const script = `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _shoal; echo "\${COMPREPLY[*]}"`;
      const { stdout } = await execFileAsync('bash', ['-c', script], { env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` } });
      return stdout.trim();
    };
    expect(await complete('shoal', 'rol')).toBe('rollout');
    expect(await complete('shoal', 'get', 'deploym')).toBe('deployments');
    expect(await complete('shoal', 'get', 'deploy/nginx')).toBe('deploy/nginx-deployment');
    expect(await complete('shoal', 'rollout', '')).toBe('status history undo restart pause resume');
    expect(await ok('completion', 'zsh')).toMatch(/^#compdef shoal\n/);
    expect((await sh('completion', 'fish')).code).toBe(2);
  });
});
