// Container probes, as the kubelet runs them: exec (in the container), httpGet (2xx/3xx from
// the pod's IP) and tcpSocket (a connection), each after initialDelaySeconds, every
// periodSeconds, with timeoutSeconds, and successThreshold/failureThreshold consecutive
// results to flip. Startup holds liveness and readiness until it succeeds; liveness (or
// startup) failing kills the container, which restarts by its pod's restartPolicy.
import http from 'node:http';
import net from 'node:net';
import type { Obj } from '../control/client/resource-client.ts';
import type { Runtime } from './runtime/runtime.ts';

/** Probe output kept for the event message. */
const MAX_OUTPUT = 1024;

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

interface ProbeState {
  probe: Obj;
  ok: boolean;
  successes: number;
  failures: number;
  next: number;
  running: boolean;
  lastMessage: string;
}

export interface ContainerProbes {
  containerId: string;
  started: boolean;
  ready: boolean;
  states: Partial<Record<ProbeKind, ProbeState>>;
}

function resolvePort(port: unknown, container: Obj): number {
  if (typeof port === 'number') return port;
  const named = (container.ports ?? []).find((p: Obj) => p.name === port);
  if (!named) throw new Error(`probe port "${String(port)}" is not a named port of the container`);
  return named.containerPort;
}

export async function runProbe(runtime: Runtime, containerId: string, probe: Obj, container: Obj, podIP: string): Promise<{ ok: boolean; message: string }> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  const host = podIP || '127.0.0.1';
  try {
    if (probe.exec) {
      const r = await runtime.execSync(containerId, probe.exec.command ?? [], timeoutMs);
      return { ok: r.exitCode === 0, message: `exit ${r.exitCode}: ${(r.stdout + r.stderr).slice(0, MAX_OUTPUT)}` };
    }
    if (probe.httpGet) {
      const g = probe.httpGet;
      const port = resolvePort(g.port, container);
      const code = await new Promise<number>((resolve, reject) => {
        const req = http.get({ host: g.host || host, port, path: g.path ?? '/', timeout: timeoutMs, headers: Object.fromEntries((g.httpHeaders ?? []).map((h: Obj) => [h.name, h.value])) }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
        req.on('error', reject);
      });
      return { ok: code >= 200 && code < 400, message: `HTTP probe failed with statuscode: ${code}` };
    }
    if (probe.tcpSocket) {
      const port = resolvePort(probe.tcpSocket.port, container);
      await new Promise<void>((resolve, reject) => {
        const s = net.connect({ host: probe.tcpSocket.host || host, port, timeout: timeoutMs });
        s.on('connect', () => {
          s.destroy();
          resolve();
        });
        s.on('timeout', () => {
          s.destroy();
          reject(new Error(`dial tcp ${host}:${port}: i/o timeout`));
        });
        s.on('error', reject);
      });
      return { ok: true, message: '' };
    }
    return { ok: true, message: 'no handler' };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

export function newProbes(containerId: string, container: Obj, startedAt: number): ContainerProbes {
  const states: ContainerProbes['states'] = {};
  for (const kind of ['startup', 'liveness', 'readiness'] as const) {
    const probe = container[`${kind}Probe`];
    if (!probe) continue;
    states[kind] = { probe, ok: kind === 'liveness', successes: 0, failures: 0, next: startedAt + (probe.initialDelaySeconds ?? 0) * 1000, running: false, lastMessage: '' };
  }
  return { containerId, started: !states.startup, ready: !states.readiness, states };
}

/**
 * Runs the probes that are due. Returns 'kill' with the reason when liveness or startup failed
 * their threshold; readiness and started flags are updated in place.
 */
export async function tickProbes(p: ContainerProbes, runtime: Runtime, container: Obj, podIP: string, now: number): Promise<{ kill?: string; changed: boolean }> {
  let changed = false;
  for (const kind of ['startup', 'liveness', 'readiness'] as const) {
    const s = p.states[kind];
    if (!s || s.running || now < s.next) continue;
    if (kind !== 'startup' && !p.started) continue;
    if (kind === 'startup' && p.started) continue;
    s.running = true;
    const r = await runProbe(runtime, p.containerId, s.probe, container, podIP);
    s.running = false;
    s.next = Date.now() + (s.probe.periodSeconds ?? 10) * 1000;
    s.lastMessage = r.message;
    if (r.ok) {
      s.failures = 0;
      s.successes++;
      if (!s.ok && s.successes >= (s.probe.successThreshold ?? 1)) {
        s.ok = true;
        changed = true;
        if (kind === 'startup') p.started = true;
        if (kind === 'readiness') p.ready = true;
      }
    } else {
      s.successes = 0;
      s.failures++;
      if (s.failures >= (s.probe.failureThreshold ?? 3)) {
        if (kind === 'readiness') {
          if (s.ok || p.ready) changed = true;
          s.ok = false;
          p.ready = false;
        } else {
          return { kill: `${kind === 'startup' ? 'Startup' : 'Liveness'} probe failed: ${r.message}`, changed: true };
        }
      }
    }
  }
  return { changed };
}
