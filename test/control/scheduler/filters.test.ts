import { describe, expect, it } from 'vitest';
import { CycleState, defaultAlgorithm, type FilterPlugin, type NodeInfo, type Obj } from '../../../src/control/scheduler/algorithm.ts';
import { nodeAffinityFilter } from '../../../src/control/scheduler/filters/node-affinity.ts';
import { nodeNameFilter } from '../../../src/control/scheduler/filters/node-name.ts';
import { nodePortsFilter } from '../../../src/control/scheduler/filters/node-ports.ts';
import { nodeReadyFilter } from '../../../src/control/scheduler/filters/node-ready.ts';
import { nodeResourcesFitFilter } from '../../../src/control/scheduler/filters/node-resources-fit.ts';
import { nodeUnschedulableFilter } from '../../../src/control/scheduler/filters/node-unschedulable.ts';
import { taintTolerationFilter } from '../../../src/control/scheduler/filters/taint-toleration.ts';
import { toleratesTaint } from '../../../src/control/scheduler/tolerations.ts';
import { affinityRequired, container, expr, info, node, pod } from './fixtures.ts';

const run = (f: FilterPlugin, p: Obj, i: NodeInfo) => f.filter(p, i, new CycleState());
const algo = defaultAlgorithm({ tieBreak: 'name' });

/** The names of the nodes the pod fits, by the default filters. */
function feasible(p: Obj, infos: NodeInfo[]): string[] {
  return infos.filter((i) => algo.filterNode(p, i) === undefined).map((i) => i.node.metadata.name);
}

describe('NodeResourcesFit', () => {
  const nodes = [
    info(node('small', { cpu: '1', memory: '1Gi' })),
    info(node('busy', { cpu: '4', memory: '8Gi' }), [pod('a', { cpu: '3', memory: '2Gi' })]),
    info(node('big', { cpu: '8', memory: '32Gi' }), [pod('b', { cpu: '2', memory: '4Gi' })]),
  ];

  it('places a pod only where its requests fit in allocatable minus what is already requested', () => {
    expect(feasible(pod('p', { cpu: '500m', memory: '512Mi' }), nodes)).toEqual(['small', 'busy', 'big']);
    expect(feasible(pod('p', { cpu: '1', memory: '512Mi' }), nodes)).toEqual(['small', 'busy', 'big']);
    expect(feasible(pod('p', { cpu: '1001m' }), nodes)).toEqual(['big']);
    expect(feasible(pod('p', { memory: '6Gi' }), nodes)).toEqual(['busy', 'big']);
    expect(feasible(pod('p', { cpu: '6', memory: '28Gi' }), nodes)).toEqual(['big']);
    expect(feasible(pod('p', { cpu: '6', memory: String(28 * 2 ** 30 + 1) }), nodes)).toEqual([]); // one byte too many
    expect(feasible(pod('p', { cpu: '6001m', memory: '28Gi' }), nodes)).toEqual([]);
  });

  it('gives every insufficient resource as a reason', () => {
    expect(run(nodeResourcesFitFilter, pod('p', { cpu: '2', memory: '2Gi' }), nodes[0])).toEqual(['Insufficient cpu', 'Insufficient memory']);
    const r = algo.schedule(pod('p', { cpu: '7', memory: '30Gi' }), nodes);
    expect(r).toMatchObject({ ok: false, message: '0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory.' });
  });

  it('counts the largest init container when it is bigger than the app containers', () => {
    const p = pod('p', { cpu: '500m', initContainers: [container('init', { cpu: '1500m' })] });
    expect(feasible(p, nodes)).toEqual(['big']);
    expect(algo.schedule(p, nodes.slice(0, 2))).toMatchObject({ ok: false, message: '0/2 nodes are available: 2 Insufficient cpu.' });
  });

  it('refuses a node that already runs its allocatable number of pods', () => {
    const full = info(node('full', { pods: '2' }), [pod('x'), pod('y')]);
    const room = info(node('room', { pods: '3' }), [pod('x2'), pod('y2')]);
    expect(run(nodeResourcesFitFilter, pod('p'), full)).toEqual(['Too many pods']);
    expect(run(nodeResourcesFitFilter, pod('p'), room)).toBeUndefined();
    expect(run(nodeResourcesFitFilter, pod('p', { cpu: '5' }), full)).toEqual(['Too many pods', 'Insufficient cpu']);
  });

  it('checks ephemeral-storage and extended resources, and pods without requests always fit', () => {
    const gpu = info(node('gpu', { extra: { 'example.com/gpu': '2', 'ephemeral-storage': '10Gi' } }));
    const plain = info(node('plain'));
    const p = pod('p', { containers: [container('c', { 'example.com/gpu': '1', 'ephemeral-storage': '1Gi' })] });
    expect(run(nodeResourcesFitFilter, p, gpu)).toBeUndefined();
    expect(run(nodeResourcesFitFilter, p, plain)).toEqual(['Insufficient ephemeral-storage', 'Insufficient example.com/gpu']);
    expect(run(nodeResourcesFitFilter, pod('p'), info(node('tiny', { cpu: '0', memory: '0' })))).toBeUndefined();
  });

  it('a malformed quantity in the pod rejects every node with the plugin error', () => {
    const r = algo.schedule(pod('p', { memory: 'lots' }), nodes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^0\/3 nodes are available: 3 NodeResourcesFit: quantity "lots"/);
  });

  it('uses capacity when the node reports no allocatable', () => {
    expect(run(nodeResourcesFitFilter, pod('p', { cpu: '2' }), info(node('n', { cpu: '2', capacityOnly: true })))).toBeUndefined();
    expect(run(nodeResourcesFitFilter, pod('p', { cpu: '3' }), info(node('n', { cpu: '2', capacityOnly: true })))).toEqual(['Insufficient cpu']);
  });

  it('subtracts what the pods already on the node request', () => {
    const n = info(node('n', { cpu: '1' }), [pod('a', { cpu: '600m' })]);
    expect(run(nodeResourcesFitFilter, pod('p', { cpu: '500m' }), n)).toEqual(['Insufficient cpu']);
    expect(run(nodeResourcesFitFilter, pod('p', { cpu: '400m' }), n)).toBeUndefined();
  });
});

describe('NodeAffinity (selector and required terms)', () => {
  const nodes = [
    info(node('a', { labels: { disk: 'ssd', zone: 'z1', cores: '8' } })),
    info(node('b', { labels: { disk: 'hdd', zone: 'z2', cores: '16' } })),
    info(node('c', { labels: { zone: 'z3', cores: 'many', gpu: '' } })),
  ];

  it('nodeSelector needs every label equal', () => {
    expect(feasible(pod('p', { nodeSelector: { disk: 'ssd' } }), nodes)).toEqual(['a']);
    expect(feasible(pod('p', { nodeSelector: { disk: 'ssd', zone: 'z2' } }), nodes)).toEqual([]);
    expect(feasible(pod('p', { nodeSelector: { gpu: '' } }), nodes)).toEqual(['c']);
    expect(feasible(pod('p', { nodeSelector: {} }), nodes)).toEqual(['a', 'b', 'c']);
  });

  const cases: [string, Obj[], string[]][] = [
    ['In', [expr('zone', 'In', ['z1', 'z3'])], ['a', 'c']],
    ['NotIn (absent label matches)', [expr('disk', 'NotIn', ['ssd'])], ['b', 'c']],
    ['Exists', [expr('disk', 'Exists')], ['a', 'b']],
    ['DoesNotExist', [expr('disk', 'DoesNotExist')], ['c']],
    ['Gt', [expr('cores', 'Gt', ['8'])], ['b']],
    ['Lt (non-integer label never matches)', [expr('cores', 'Lt', ['100'])], ['a', 'b']],
    ['Gt with a non-integer value matches nothing', [expr('cores', 'Gt', ['x'])], []],
    ['expressions in a term are ANDed', [expr('zone', 'In', ['z1', 'z2']), expr('cores', 'Gt', ['10'])], ['b']],
    ['unknown operator matches nothing', [expr('zone', 'Like', ['z1'])], []],
  ];
  for (const [name, exprs, want] of cases) {
    it(`matchExpressions ${name}`, () => {
      expect(feasible(pod('p', { affinity: affinityRequired({ matchExpressions: exprs }) }), nodes)).toEqual(want);
    });
  }

  it('terms are ORed; matchFields selects by metadata.name; an empty term matches nothing', () => {
    const terms = [{ matchExpressions: [expr('disk', 'In', ['hdd'])] }, { matchFields: [expr('metadata.name', 'In', ['c'])] }];
    expect(feasible(pod('p', { affinity: affinityRequired(...terms) }), nodes)).toEqual(['b', 'c']);
    expect(feasible(pod('p', { affinity: affinityRequired({ matchFields: [expr('metadata.name', 'NotIn', ['a'])] }) }), nodes)).toEqual(['b', 'c']);
    expect(feasible(pod('p', { affinity: affinityRequired({}) }), nodes)).toEqual([]);
    expect(feasible(pod('p', { affinity: affinityRequired() }), nodes)).toEqual([]);
  });

  it('nodeSelector and affinity must both hold', () => {
    const p = pod('p', { nodeSelector: { disk: 'ssd' }, affinity: affinityRequired({ matchExpressions: [expr('zone', 'In', ['z2'])] }) });
    expect(feasible(p, nodes)).toEqual([]);
    expect(run(nodeAffinityFilter, p, nodes[0])).toBe("node(s) didn't match Pod's node affinity/selector");
  });
});

describe('TaintToleration (filter)', () => {
  const gpu = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const evict = { key: 'maintenance', value: 'true', effect: 'NoExecute' };
  const soft = { key: 'spot', value: 'true', effect: 'PreferNoSchedule' };
  const nodes = [info(node('plain')), info(node('gpu', { taints: [gpu] })), info(node('maint', { taints: [evict] })), info(node('spot', { taints: [soft] }))];

  it('keeps pods off NoSchedule and NoExecute taints they do not tolerate, not off PreferNoSchedule', () => {
    expect(feasible(pod('p'), nodes)).toEqual(['plain', 'spot']);
    expect(run(taintTolerationFilter, pod('p'), nodes[1])).toBe('node(s) had untolerated taint {dedicated: gpu}');
    expect(run(taintTolerationFilter, pod('p'), nodes[2])).toBe('node(s) had untolerated taint {maintenance: true}');
  });

  it('Equal needs key and value; effect must match unless empty', () => {
    expect(feasible(pod('p', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }), nodes)).toEqual(['plain', 'gpu', 'spot']);
    expect(feasible(pod('p', { tolerations: [{ key: 'dedicated', value: 'gpu' }] }), nodes)).toEqual(['plain', 'gpu', 'spot']);
    expect(feasible(pod('p', { tolerations: [{ key: 'dedicated', value: 'cpu' }] }), nodes)).toEqual(['plain', 'spot']);
    expect(feasible(pod('p', { tolerations: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] }), nodes)).toEqual(['plain', 'spot']);
  });

  it('tolerates NoExecute taints with a NoExecute toleration (tolerationSeconds does not matter)', () => {
    const t = { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 };
    expect(feasible(pod('p', { tolerations: [t] }), nodes)).toEqual(['plain', 'maint', 'spot']);
  });

  it('Exists with an empty key tolerates every taint', () => {
    expect(feasible(pod('p', { tolerations: [{ operator: 'Exists' }] }), nodes)).toEqual(['plain', 'gpu', 'maint', 'spot']);
    expect(feasible(pod('p', { tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] }), nodes)).toEqual(['plain', 'gpu', 'spot']);
  });

  it('every NoSchedule/NoExecute taint must be tolerated, and the first untolerated is named', () => {
    const both = info(node('both', { taints: [soft, gpu, evict] }));
    const p = pod('p', { tolerations: [{ key: 'dedicated', operator: 'Exists' }] });
    expect(run(taintTolerationFilter, p, both)).toBe('node(s) had untolerated taint {maintenance: true}');
  });

  it('matches single tolerations as Kubernetes does', () => {
    const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
    expect(toleratesTaint({ key: 'k', operator: 'Exists' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: 'v' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: 'w' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'other', operator: 'Exists' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'PreferNoSchedule' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'k', operator: 'Bogus' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'k', operator: 'Equal' }, { key: 'k', effect: 'NoSchedule' })).toBe(true);
  });
});

describe('NodePorts', () => {
  const web = pod('web', { hostPorts: [80] });
  const dns = pod('dns', { hostPorts: [{ hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }] });
  const nodes = [info(node('a'), [web]), info(node('b'), [dns]), info(node('c'))];

  it('refuses a node where the host port is taken for the same protocol', () => {
    expect(feasible(pod('p', { hostPorts: [80] }), nodes)).toEqual(['b', 'c']);
    expect(feasible(pod('p', { hostPorts: [{ hostPort: 80, protocol: 'UDP' }] }), nodes)).toEqual(['a', 'b', 'c']);
    expect(feasible(pod('p', { hostPorts: [8080] }), nodes)).toEqual(['a', 'b', 'c']);
    expect(run(nodePortsFilter, pod('p', { hostPorts: [80] }), nodes[0])).toBe("node(s) didn't have free ports for the requested pod ports");
  });

  it('0.0.0.0 (the default host IP) conflicts with every IP; distinct IPs do not conflict', () => {
    expect(feasible(pod('p', { hostPorts: [{ hostPort: 53, protocol: 'UDP' }] }), nodes)).toEqual(['a', 'c']);
    expect(feasible(pod('p', { hostPorts: [{ hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.2' }] }), nodes)).toEqual(['a', 'b', 'c']);
    expect(feasible(pod('p', { hostPorts: [{ hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }] }), nodes)).toEqual(['a', 'c']);
    expect(feasible(pod('p', { hostPorts: [{ hostPort: 80, hostIP: '192.168.1.5' }] }), nodes)).toEqual(['b', 'c']);
  });

  it('a replica set of host-port pods fills one node each, then fails', () => {
    let infos = [info(node('n1')), info(node('n2')), info(node('n3'))];
    const placed: string[] = [];
    for (let i = 0; i < 4; i++) {
      const p = pod(`hp-${i}`, { hostPorts: [9000], owner: 'hp' });
      const r = algo.schedule(p, infos);
      if (!r.ok) {
        expect(r.message).toBe("0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports.");
        break;
      }
      placed.push(r.node);
      infos = infos.map((x) => (x.node.metadata.name === r.node ? info(x.node, [...x.pods, p]) : x));
    }
    expect(placed.sort()).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('NodeUnschedulable and NodeReady', () => {
  const nodes = [
    info(node('ok')),
    info(node('cordoned', { unschedulable: true })),
    info(node('down', { ready: 'False' })),
    info(node('lost', { ready: 'Unknown' })),
    info(node('new', { ready: null })),
  ];

  it('only ready, schedulable nodes take ordinary pods', () => {
    expect(feasible(pod('p'), nodes)).toEqual(['ok']);
    expect(run(nodeUnschedulableFilter, pod('p'), nodes[1])).toBe('node(s) were unschedulable');
    for (const i of nodes.slice(2)) expect(run(nodeReadyFilter, pod('p'), i)).toBe('node(s) were not ready');
  });

  it('a pod tolerating node.kubernetes.io/unschedulable:NoSchedule may go to a cordoned node', () => {
    const t = [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }];
    expect(feasible(pod('p', { tolerations: t }), nodes)).toEqual(['ok', 'cordoned']);
    // A NoExecute toleration is not a NoSchedule one.
    expect(feasible(pod('p', { tolerations: [{ ...t[0], effect: 'NoExecute' }] }), nodes)).toEqual(['ok']);
  });

  it('a pod tolerating the not-ready / unreachable taints may go to such nodes (as DaemonSet pods do)', () => {
    const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' };
    const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' };
    expect(feasible(pod('p', { tolerations: [notReady] }), nodes)).toEqual(['ok', 'down', 'new']);
    expect(feasible(pod('p', { tolerations: [unreachable] }), nodes)).toEqual(['ok', 'lost']);
    // Kubernetes' default NoExecute tolerations (300s) do not let a pod onto a not-ready node.
    expect(feasible(pod('p', { tolerations: [{ ...notReady, effect: 'NoExecute', tolerationSeconds: 300 }] }), nodes)).toEqual(['ok']);
  });

  it('with every node unusable the message counts each reason', () => {
    const r = algo.schedule(pod('p'), nodes.slice(1));
    expect(r).toMatchObject({ ok: false, message: '0/4 nodes are available: 1 node(s) were unschedulable, 3 node(s) were not ready.' });
  });
});

describe('NodeName', () => {
  it('a pod naming its node fits only that node', () => {
    const nodes = [info(node('a')), info(node('b')), info(node('c'))];
    expect(feasible(pod('p', { nodeName: 'b' }), nodes)).toEqual(['b']);
    expect(run(nodeNameFilter, pod('p', { nodeName: 'b' }), nodes[0])).toBe("node(s) didn't match the requested node name");
    expect(algo.schedule(pod('p', { nodeName: 'zz' }), nodes)).toMatchObject({
      ok: false,
      message: "0/3 nodes are available: 3 node(s) didn't match the requested node name.",
    });
  });
});
