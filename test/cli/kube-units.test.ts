// The pure parts of the kubectl-like commands: durations, pod status words, table cells,
// manifests, type names, merge patches, flags and the describe layout.
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../src/cli/args.ts';
import { humanDuration, parseDuration } from '../../src/cli/kube/age.ts';
import { columnsFor } from '../../src/cli/kube/columns.ts';
import { Doc } from '../../src/cli/kube/describe-format.ts';
import { parseManifests } from '../../src/cli/kube/manifests.ts';
import { mergeDiff } from '../../src/cli/kube/merge-diff.ts';
import { podReady, podRestarts, podStatus } from '../../src/cli/kube/pod-state.ts';
import { KindTable, objectName, parseTargets, resourceName } from '../../src/cli/kube/resources.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

const S = 1000;

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [-5 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [119 * S, '119s'],
    [125 * S, '2m5s'],
    [180 * S, '3m'],
    [600 * S, '10m'],
    [(3 * 3600 + 300) * S, '3h5m'],
    [9 * 3600 * S, '9h'],
    [50 * 3600 * S, '2d2h'],
    [10 * 86400 * S, '10d'],
    [800 * 86400 * S, '2y70d'],
    [3000 * 86400 * S, '8y'],
  ])('%d ms -> %s', (ms, want) => expect(humanDuration(ms)).toBe(want));

  it('parses --timeout durations', () => {
    expect(parseDuration('30s', '--timeout')).toBe(30_000);
    expect(parseDuration('1m30s', '--timeout')).toBe(90_000);
    expect(parseDuration('90', '--timeout')).toBe(90_000);
    expect(parseDuration('250ms', '--timeout')).toBe(250);
    expect(() => parseDuration('soon', '--timeout')).toThrow(UsageError);
    expect(() => parseDuration('5m later', '--timeout')).toThrow(UsageError);
  });
});

describe('pod READY / STATUS / RESTARTS', () => {
  const pod = (statuses: object[], extra: object = {}) => ({
    metadata: { name: 'p' },
    spec: { containers: statuses.map((_, i) => ({ name: `c${i}` })) },
    status: { phase: 'Running', containerStatuses: statuses },
    ...extra,
  });
  it('reads containers', () => {
    const p = pod([
      { ready: true, restartCount: 2, state: { running: {} } },
      { ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } },
    ]);
    expect(podReady(p)).toBe('1/2');
    expect(podRestarts(p)).toBe(3);
    expect(podStatus(p)).toBe('CrashLoopBackOff');
    expect(podStatus(pod([{ ready: true, state: { running: {} } }]))).toBe('Running');
    expect(podStatus(pod([{ state: { terminated: { reason: 'Completed', exitCode: 0 } } }]))).toBe('Completed');
    expect(podStatus(pod([{ state: { terminated: { exitCode: 137 } } }]))).toBe('ExitCode:137');
    expect(podStatus({ ...pod([{ ready: true, state: { running: {} } }]), metadata: { name: 'p', deletionTimestamp: '2024-01-01T00:00:00Z' } })).toBe('Terminating');
    expect(podStatus({ spec: { containers: [{}] }, status: { phase: 'Pending' } })).toBe('Pending');
    const init = { spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'c' }] }, status: { phase: 'Pending', initContainerStatuses: [{ state: { running: {} } }] } };
    expect(podStatus(init)).toBe('Init:0/1');
  });
});

describe('table cells', () => {
  it('services: node ports, load balancers, external names', () => {
    const row = (spec: object, status: object = {}) => columnsFor('Service').row({ metadata: {}, spec, status }, Date.now());
    expect(row({ type: 'NodePort', clusterIP: '10.0.0.9', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }).slice(0, 4)).toEqual([
      'NodePort',
      '10.0.0.9',
      '<none>',
      '80:30080/TCP,53/UDP',
    ]);
    expect(row({ type: 'LoadBalancer', clusterIP: '10.0.0.9', ports: [{ port: 443 }] })[2]).toBe('<pending>');
    expect(row({ type: 'LoadBalancer', ports: [] }, { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } })[2]).toBe('192.0.2.1');
  });

  it('nodes: readiness, cordon, roles', () => {
    const node = { metadata: { labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/worker': '' } }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v0.1' } } };
    expect(columnsFor('Node').row(node, Date.now()).filter((_, i) => i !== 2)).toEqual(['Ready,SchedulingDisabled', 'control-plane,worker', 'v0.1']);
  });

  it('endpoints show the first three addresses', () => {
    const ep = { metadata: {}, subsets: [{ addresses: [1, 2, 3, 4, 5].map((i) => ({ ip: `10.0.0.${i}` })), ports: [{ port: 8080 }] }] };
    expect(columnsFor('Endpoints').row(ep, Date.now())[0]).toBe('10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more...');
    expect(columnsFor('Endpoints').row({ metadata: {} }, Date.now())[0]).toBe('<none>');
  });
});

describe('manifests', () => {
  it('reads several documents, Lists and JSON; skips empty documents', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n---\n';
    expect(parseManifests(yaml, 'x.yaml').map((m) => `${m.obj.kind}/${m.obj.metadata.name}`)).toEqual(['ConfigMap/a', 'Secret/b']);
    expect(parseManifests('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}}', 'n.json')[0].obj.kind).toBe('Namespace');
  });

  it('refuses what is not an object with kind and apiVersion, naming the document', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: ConfigMap\n---\n- a\n- b\n', 'f.yaml')).toThrow('error validating f.yaml (document 2): a manifest must be an object');
    expect(() => parseManifests('apiVersion: v1\nmetadata: {name: x}\n', 'f.yaml')).toThrow('error validating f.yaml: kind not set');
    expect(() => parseManifests('kind: [\n', 'f.yaml')).toThrow(/^error parsing f.yaml: /);
  });
});

describe('type names', () => {
  const kinds = new KindTable([
    { kind: 'Deployment', resource: 'deployments', apiVersion: 'apps/v1', namespaced: true, shortNames: ['deploy'], subresources: ['scale'], acceptedApiVersions: ['apps/v1'] },
    { kind: 'Service', resource: 'services', apiVersion: 'v1', namespaced: true, shortNames: ['svc'], subresources: [], acceptedApiVersions: ['v1'] },
    { kind: 'Pod', resource: 'pods', apiVersion: 'v1', namespaced: true, shortNames: ['po'], subresources: [], acceptedApiVersions: ['v1'] },
    { kind: 'ReplicaSet', resource: 'replicasets', apiVersion: 'apps/v1', namespaced: true, shortNames: ['rs'], subresources: [], acceptedApiVersions: ['apps/v1'] },
    { kind: 'ReplicationController', resource: 'replicationcontrollers', apiVersion: 'v1', namespaced: true, shortNames: ['rc'], subresources: [], acceptedApiVersions: ['v1'] },
    { kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', apiVersion: 'autoscaling/v2', namespaced: true, shortNames: ['hpa'], subresources: [], acceptedApiVersions: ['autoscaling/v2'] },
  ]);

  it('finds kinds by every kubectl spelling', () => {
    for (const n of ['deployments', 'deployment', 'deploy', 'Deployment', 'deployments.apps', 'deployment.apps']) expect(kinds.find(n)?.kind, n).toBe('Deployment');
    expect(kinds.find('deployments.batch')).toBeUndefined();
    const d = kinds.find('deploy')!;
    expect(objectName(d, 'web')).toBe('deployment.apps/web');
    expect(resourceName(d)).toBe('deployments.apps');
    expect(objectName(kinds.find('svc')!, 'x')).toBe('service/x');
  });

  it('parses TYPE NAME..., TYPE/NAME... and all', () => {
    expect(parseTargets(['deploy', 'a', 'b'], kinds).map((t) => [t.kind.kind, t.names])).toEqual([['Deployment', ['a', 'b']]]);
    expect(parseTargets(['deploy/a', 'svc/b', 'deploy/c'], kinds).map((t) => [t.kind.kind, t.names])).toEqual([
      ['Deployment', ['a', 'c']],
      ['Service', ['b']],
    ]);
    expect(parseTargets(['all'], kinds).map((t) => t.kind.resource)).toEqual(['pods', 'services', 'deployments', 'replicasets', 'replicationcontrollers', 'horizontalpodautoscalers']);
    expect(() => parseTargets(['deploy,svc', 'a'], kinds)).toThrow(UsageError);
    expect(() => parseTargets(['deploy/a', 'b'], kinds)).toThrow(UsageError);
    expect(() => parseTargets(['gadgets'], kinds)).toThrow('the server doesn\'t have a resource type "gadgets"');
  });
});

describe('mergeDiff', () => {
  it('makes the merge patch from one document to another', () => {
    const from = { metadata: { labels: { app: 'a', extra: 'x' } }, spec: { containers: [{ name: 'c', image: 'new' }], dns: 'x' } };
    const to = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'old' }] } };
    expect(mergeDiff(from, to)).toEqual({ metadata: { labels: { extra: null } }, spec: { containers: [{ name: 'c', image: 'old' }], dns: null } });
    expect(mergeDiff(to, structuredClone(to))).toBeUndefined();
  });
});

describe('flags', () => {
  it('takes positionals, repeated flags and --bool=false', () => {
    const spec = { filename: { short: 'f', multiple: true }, wait: { boolean: true }, output: { short: 'o' } };
    const p = parseFlags(['delete', '-f', 'a.yaml', '--wait=false', '-f', 'b.yaml', 'x', '-o', 'name'], spec, { positionals: true });
    expect(p.positionals).toEqual(['delete', 'x']);
    expect(p.lists.filename).toEqual(['a.yaml', 'b.yaml']);
    expect(p.values.wait).toBe(false);
    expect(p.values.output).toBe('name');
    expect(parseFlags(['--wait=true'], spec).values.wait).toBe(true);
    expect(() => parseFlags(['-o', 'a', '-o', 'b'], spec)).toThrow('--output given 2 times');
    expect(() => parseFlags(['x'], spec)).toThrow('unexpected argument "x"');
  });
});

describe('describe layout', () => {
  it('aligns values within a block and lists maps one entry per line', () => {
    const doc = new Doc().kv(0, 'Name', 'web').map(0, 'Labels', { b: '2', a: '1' }).kv(0, 'Annotations', undefined).head(0, 'Containers').kv(1, 'Image', 'nginx').kv(1, 'Restart Count', 0);
    expect(doc.render()).toBe('Name:         web\nLabels:       a=1\n              b=2\nAnnotations:  <none>\nContainers:\n  Image:          nginx\n  Restart Count:  0');
  });
});
