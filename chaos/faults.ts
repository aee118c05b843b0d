// The faults a chaos run injects. Each picks its target with the run's seeded random source
// (so a seed replays the same choices, up to who happens to be leader), breaks something, and
// returns how to undo it. Processes killed here are restarted on their old data by heal().
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import type { ChaosCluster } from './chaos-cluster.ts';
import type { Host } from './hosts.ts';
import type { NetworkFaults } from './network-faults.ts';
import type { FaultType } from './run-model.ts';

export interface FaultContext {
  cluster: ChaosCluster;
  net: NetworkFaults;
  rand: () => number;
  /** Lease holders' master names, when known. */
  holders(): { scheduler?: string; controllers?: string };
  /** Names of the workload's pods now running. */
  workloadPods(): Promise<string[]>;
  /** A workload pod's container restarts as its status reports them; undefined once it is gone. */
  restarts(pod: string): Promise<number | undefined>;
  /** An agent host with the most workload pods (the worst one to lose). */
  busiestAgent(): Promise<Host | undefined>;
}

export interface Injected {
  target: string;
  note: string;
  /** Undo the fault (restart, resume, reconnect). */
  heal(): Promise<void>;
  /** For faults whose harm is the loss itself (agent host): heal only after recovery. */
  healAfterRecovery?: boolean;
  /**
   * True once the cluster shows it noticed the fault (say, a restart count went up). Recovery
   * counts only from then: a sample that looks whole before the failure was even seen (a dead
   * pod still Ready until its probe fails) must not end the fault.
   */
  noticed?(): Promise<boolean>;
}

export const ALL_FAULTS: FaultType[] = [
  'kill-leader',
  'kill-follower',
  'kill-scheduler-holder',
  'kill-controller-holder',
  'kill-agent-host',
  'kill-container',
  'pause-master',
  'partition-leader',
  'partition-majority-minority',
  'one-way-loss',
  'flapping-link',
  'netem-latency',
  'disk-full',
];

const pick = <T>(xs: T[], rand: () => number): T => xs[Math.floor(rand() * xs.length)];

async function killAndRestartLater(ctx: FaultContext, h: Host, why: string): Promise<Injected> {
  const pid = h.proc?.pid;
  await ctx.cluster.hosts.kill(h);
  return {
    target: h.name,
    note: `SIGKILL ${why} (pid ${pid}); restarted on its data when healed`,
    heal: async () => ctx.cluster.startHost(h),
  };
}

function mastersUp(ctx: FaultContext): Host[] {
  return ctx.cluster.masters.filter((m) => ctx.cluster.running(m));
}

export async function inject(type: FaultType, ctx: FaultContext, holdMs: number): Promise<Injected | undefined> {
  const c = ctx.cluster;
  switch (type) {
    case 'kill-leader':
      return killAndRestartLater(ctx, await c.leader(), 'of the Raft leader');
    case 'kill-follower': {
      const leader = await c.leader();
      return killAndRestartLater(ctx, pick(mastersUp(ctx).filter((m) => m !== leader), ctx.rand), 'of a follower');
    }
    case 'kill-scheduler-holder':
    case 'kill-controller-holder': {
      const holders = ctx.holders();
      const name = type === 'kill-scheduler-holder' ? holders.scheduler : holders.controllers;
      const h = c.masters.find((m) => m.name === name && c.running(m));
      if (!h) return undefined;
      return killAndRestartLater(ctx, h, `of the ${type === 'kill-scheduler-holder' ? 'scheduler' : 'controller manager'}'s lease holder`);
    }
    case 'kill-agent-host': {
      const h = await ctx.busiestAgent();
      if (!h) return undefined;
      await c.hosts.kill(h);
      return { target: h.name, note: 'agent, its shims and containers killed at once (its PID namespace); back empty after recovery', heal: async () => c.startHost(h), healAfterRecovery: true };
    }
    case 'kill-container': {
      // One workload container dies (SIGKILL of its process); its agent must see it and restart it.
      const pods = await ctx.workloadPods();
      if (pods.length === 0) return undefined;
      const pod = pick(pods, ctx.rand);
      const before = await ctx.restarts(pod).catch(() => undefined);
      if (before === undefined) return undefined;
      const killed = await new Promise<boolean>((r) => execFile('pkill', ['-9', '-f', `httpd -f -p 8080 -h /tmp/${pod}$`], (err) => r(!err)));
      if (!killed) return undefined;
      return {
        target: pod,
        note: 'its container process SIGKILLed; the agent restarts it',
        heal: async () => undefined,
        // Restarted by its agent, or replaced (gone): either way the death was seen.
        noticed: async () => {
          const now = await ctx.restarts(pod);
          return now === undefined || now > before;
        },
      };
    }
    case 'pause-master': {
      const h = pick(mastersUp(ctx), ctx.rand);
      c.hosts.signal(h, 'SIGSTOP');
      return { target: h.name, note: `SIGSTOP for ${holdMs} ms`, heal: async () => c.hosts.signal(h, 'SIGCONT') };
    }
    case 'partition-leader': {
      const leader = await c.leader();
      const others = c.masters.filter((m) => m !== leader);
      await ctx.net.partition([leader], others);
      return { target: `${leader.name} | ${others.map((m) => m.name).join(',')}`, note: 'the leader cut off from the other masters (clients and agents still reach it)', heal: () => ctx.net.healAll(c.masters) };
    }
    case 'partition-majority-minority': {
      const shuffled = [...c.masters].sort(() => ctx.rand() - 0.5);
      const minority = shuffled.slice(0, Math.floor((c.masters.length - 1) / 2));
      const majority = shuffled.slice(minority.length);
      await ctx.net.partition(minority, majority);
      return { target: `${minority.map((m) => m.name).join(',')} | ${majority.map((m) => m.name).join(',')}`, note: 'minority | majority', heal: () => ctx.net.healAll(c.masters) };
    }
    case 'one-way-loss': {
      const h = pick(c.masters, ctx.rand);
      await ctx.net.cut(h, c.masters.filter((m) => m !== h), 'in');
      return { target: h.name, note: 'hears nothing from the other masters; its own packets still go out', heal: () => ctx.net.heal(h) };
    }
    case 'flapping-link': {
      const h = pick(c.masters, ctx.rand);
      const others = c.masters.filter((m) => m !== h);
      let cut = false;
      let flapping = true;
      // One change at a time: each toggle waits for the previous one.
      const loop = (async () => {
        while (flapping) {
          cut = !cut;
          await (cut ? ctx.net.cut(h, others) : ctx.net.heal(h));
          await new Promise((r) => setTimeout(r, 300));
        }
      })();
      return {
        target: h.name,
        note: 'link to the other masters cut and restored every 300 ms',
        heal: async () => {
          flapping = false;
          await loop;
          await ctx.net.heal(h);
        },
      };
    }
    case 'netem-latency':
      // Checked before the run: this kernel may not have sch_netem (then the type is skipped).
      {
        const h = pick(c.masters, ctx.rand);
        await c.hosts.run(h, ['tc', 'qdisc', 'add', 'dev', 'wire0', 'root', 'netem', 'delay', '50ms', '20ms', 'loss', '5%']);
        return { target: h.name, note: 'netem delay 50±20 ms, loss 5% on its link', heal: async () => void (await c.hosts.run(h, ['tc', 'qdisc', 'del', 'dev', 'wire0', 'root'])) };
      }
    case 'disk-full': {
      const h = pick(mastersUp(ctx), ctx.rand);
      const filler = `${h.dir}/data/chaos-filler`;
      const logAt = logSize(h.logFile);
      // The data dirs sit on a size-capped tmpfs (see chaos-cluster.ts): fill what is left.
      await c.hosts.run(h, ['sh', '-c', `dd if=/dev/zero of=${filler} bs=1M 2>/dev/null; true`]);
      return {
        target: h.name,
        note: 'data dir filled to the last byte (a master that cannot persist stops: fail-stop; restarted like a supervisor would)',
        heal: async () => {
          await c.hosts.run(h, ['rm', '-f', filler]);
          // A master whose write failed is shutting down (fail-stop): let it finish, then restart it.
          await new Promise((r) => setTimeout(r, 1000));
          if (readFileSync(h.logFile, 'utf8').slice(logAt).includes('"event":"master-failed"')) await c.hosts.kill(h);
          if (!c.running(h)) c.startHost(h);
        },
      };
    }
  }
}

function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
