import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../src/control/scheduler/algorithm.ts';
import {
  DEFAULT_MEMORY_REQUEST,
  nodeAllocatable,
  nodeUsage,
  podNonZeroRequests,
  podRequests,
  scaled,
} from '../../../src/control/scheduler/resources.ts';
import { container, info, node, pod } from './fixtures.ts';

const Mi = 1024 * 1024;

describe('podRequests', () => {
  it('sums the app containers', () => {
    const p = pod('p', { containers: [container('a', { cpu: '250m', memory: '64Mi' }), container('b', { cpu: '500m', memory: '64Mi' })] });
    const r = podRequests(p);
    expect(scaled('cpu', r.cpu)).toBe(750);
    expect(r.memory).toBe(128 * Mi);
  });

  it('takes the largest init container when it needs more than the app containers, per resource', () => {
    const p = pod('p', {
      containers: [container('a', { cpu: '250m', memory: '64Mi' }), container('b', { cpu: '500m', memory: '64Mi' })],
      initContainers: [container('i1', { cpu: '1', memory: '16Mi' }), container('i2', { cpu: '200m', memory: '100Mi' })],
    });
    const r = podRequests(p);
    expect(scaled('cpu', r.cpu)).toBe(1000); // init i1 > 750m
    expect(r.memory).toBe(128 * Mi); // app containers > 100Mi
  });

  it('adds sidecars (restartPolicy Always) to the app containers and to later init containers', () => {
    const p = pod('p', {
      containers: [container('app', { cpu: '500m' })],
      initContainers: [container('proxy', { cpu: '100m' }, { restartPolicy: 'Always' }), container('migrate', { cpu: '1' })],
    });
    expect(scaled('cpu', podRequests(p).cpu)).toBe(1100);
    const q = pod('q', {
      containers: [container('app', { cpu: '500m' })],
      initContainers: [container('proxy', { cpu: '100m' }, { restartPolicy: 'Always' })],
    });
    expect(scaled('cpu', podRequests(q).cpu)).toBe(600);
  });

  it('requests the limit where only a limit is set, and adds the overhead', () => {
    const p = pod('p', { containers: [{ name: 'a', resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '1' } } }], overhead: { cpu: '250m' } });
    const r = podRequests(p);
    expect(scaled('cpu', r.cpu)).toBe(1250);
    expect(r.memory).toBe(1024 * Mi);
  });

  it('throws on a malformed quantity (strict), skips it when lenient', () => {
    const p = pod('p', { containers: [container('a', { cpu: 'lots' })] });
    expect(() => podRequests(p)).toThrow(/quantity/);
    expect(podRequests(p, false)).toEqual({});
  });

  it('non-zero requests default cpu to 100m and memory to 200Mi per container, but keep an explicit 0', () => {
    const p = pod('p', { containers: [container('a'), container('b', { cpu: '0', memory: '10Mi' })] });
    const r = podNonZeroRequests(p);
    expect(scaled('cpu', r.cpu)).toBe(100);
    expect(r.memory).toBe(DEFAULT_MEMORY_REQUEST + 10 * Mi);
    expect(podRequests(p)).toEqual({ cpu: 0, memory: 10 * Mi });
  });
});

describe('nodes', () => {
  it('reads allocatable, falling back to capacity', () => {
    expect(nodeAllocatable(node('n', { capacityOnly: true, cpu: '2' })).cpu).toBe(2);
    const n = node('n');
    n.status.allocatable = { cpu: '3500m' };
    expect(nodeAllocatable(n)).toMatchObject({ cpu: 3.5, memory: 8 * 1024 * Mi, pods: 110 });
  });

  it('sums the requests of the pods on a node, ignoring malformed ones', () => {
    const bad = pod('bad', { cpu: 'x' });
    const u = nodeUsage(info(node('n'), [pod('a', { cpu: '1' }), pod('b'), bad]), new CycleState());
    expect(u.pods).toBe(3);
    expect(scaled('cpu', u.requested.cpu)).toBe(1000);
    expect(scaled('cpu', u.nonZero.cpu)).toBe(1200); // b and bad count 100m each
  });

  it('scales cpu to millicores without floating-point noise', () => {
    expect(scaled('cpu', 0.1 + 0.2)).toBe(300);
    expect(scaled('cpu', 0.0001)).toBe(1); // rounds up, like MilliValue()
    expect(scaled('memory', 128 * Mi)).toBe(128 * Mi);
  });
});

describe('per-pod cache of placed pods', () => {
  it('gives the same usage as computing afresh, and notices a replaced spec', () => {
    const p = pod('a', { cpu: '1' });
    const n = info(node('n'), [p]);
    const placed = n.pods[0];
    expect(scaled('cpu', nodeUsage(n, new CycleState()).requested.cpu)).toBe(1000);
    expect(scaled('cpu', nodeUsage(n, new CycleState()).requested.cpu)).toBe(1000);
    placed.spec = { ...placed.spec, containers: [container('main', { cpu: '2' })] };
    expect(scaled('cpu', nodeUsage(n, new CycleState()).requested.cpu)).toBe(2000);
  });
});
