// One chaos run: start the cluster on test hosts, start the workloads and checkers, inject the
// seeded schedule of faults one after another (inject, hold, heal, wait until whole again),
// then stop everything, run the final checks and return the run's record (run-model.ts).
import { checkLinearizable } from './linearizability.ts';
import { AppWorkload, waitFor } from './app-workload.ts';
import { ApiCallError } from '../src/client/api-client.ts';
import { ChaosCluster } from './chaos-cluster.ts';
import { inject, type FaultContext } from './faults.ts';
import type { Host } from './hosts.ts';
import { currentRevision, KV_PREFIX, KvWorkload, prng, WatchChecker } from './kv-workload.ts';
import { NetworkFaults } from './network-faults.ts';
import type { Anomaly, ChaosRun, FaultRecord, FaultType, Sample } from './run-model.ts';

export interface RunOptions {
  masters: number;
  agents: number;
  durationMs: number;
  seed: number;
  faults: FaultType[];
  replicas: number;
  root: string;
  /** Break-on-purpose modes: extra flags for masters and agents. */
  broken: { name: string; masterFlags: string[]; agentFlags: string[] }[];
  sampleMs?: number;
  recoveryTimeoutMs?: number;
  /** Run exactly this many rounds (every enabled fault type once per round) instead of for durationMs. */
  rounds?: number;
  kvClients?: number;
  kvKeys?: number;
  /** Log level of the masters and agents. */
  logLevel?: string;
  /** Called about once a second with a one-line status. */
  progress?(line: string): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(o: RunOptions): Promise<ChaosRun> {
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const sampleMs = o.sampleMs ?? 250;
  const recoveryTimeoutMs = o.recoveryTimeoutMs ?? 30_000;
  const rand = prng(o.seed);
  const anomalies: Anomaly[] = [];
  const faults: FaultRecord[] = [];
  const samples: Sample[] = [];
  const unsupported: string[] = [];
  const cluster = new ChaosCluster({
    masters: o.masters,
    agents: o.agents,
    root: o.root,
    logLevel: o.logLevel,
    masterFlags: o.broken.flatMap((b) => b.masterFlags),
    agentFlags: o.broken.flatMap((b) => b.agentFlags),
  });
  const run: ChaosRun = {
    seed: o.seed,
    masters: o.masters,
    agents: o.agents,
    durationMs: o.durationMs,
    rounds: o.rounds,
    startedAt: new Date().toISOString(),
    faultTypes: o.faults,
    broken: o.broken.map((b) => b.name),
    sampleMs,
    faults,
    samples,
    anomalies,
    totals: { writesOk: 0, writesFailed: 0, readsOk: 0, watchEvents: 0, vipOk: 0, vipFailed: 0 },
    replicas: o.agents > 0 ? o.replicas : 0,
    maxSurge: o.agents > 0 ? 1 : undefined,
    unsupported,
  };
  let app: AppWorkload | undefined;
  let kv: KvWorkload | undefined;
  const watchers: WatchChecker[] = [];
  let sampler: NodeJS.Timeout | undefined;
  // Ctrl-C / SIGTERM: take the hosts, mounts and processes down before going.
  const onSignal = () => {
    void cluster.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const down = new Set<string>();
  try {
    await cluster.start();
    const net = new NetworkFaults(cluster.hosts);
    const faultTypes = o.faults.filter((f) => {
      if (f === 'netem-latency' && !cluster.hosts.netemSupported(cluster.masters[0])) {
        unsupported.push('netem-latency: this kernel has no netem qdisc (sch_netem); latency and loss faults skipped');
        return false;
      }
      if ((f === 'kill-agent-host' || f === 'kill-container') && o.agents === 0) return false;
      return true;
    });
    app = new AppWorkload(cluster.endpoints, o.replicas, now);
    await waitFor(async () => (await app!.api.get('namespaces', '', 'default').catch(() => undefined)) ?? undefined, 60_000);
    app.watchLeases();
    if (o.agents > 0) {
      await app.deploy();
      await waitFor(async () => ((await app!.pods())?.ready === o.replicas ? true : undefined), 120_000);
      for (const a of cluster.agents) app.startVipClient(a);
      // Cluster DNS and the proxy together, from a pod: the service by its short name.
      let byName = '';
      let lastErr = '';
      for (let i = 0; i < 20 && !byName; i++) {
        byName = await app.fetchByServiceName().catch((err: Error) => ((lastErr = err.message), ''));
        if (!byName) await sleep(500);
      }
      if (!byName.startsWith('chaos-web-')) anomalies.push({ kind: 'service-by-name-failed', detail: `wget http://chaos-web/ from a pod: ${lastErr || `answered "${byName}"`}`, at: now() });
    }
    kv = new KvWorkload(cluster.endpoints, { clients: o.kvClients ?? 8, keys: o.kvKeys ?? 16, seed: o.seed, now });
    const fromRev = (await currentRevision(cluster.endpoints)) + 1;
    for (let i = 0; i < 2; i++) {
      const w = new WatchChecker(cluster.endpoints, `watcher-${i + 1}`, now);
      w.start(fromRev);
      watchers.push(w);
    }
    kv.start();

    // ---- sampling ----
    let lastOk = 0;
    let lastFailed = 0;
    let sampling = false;
    const liveAgents = (): Host[] => cluster.agents.filter((a) => !down.has(a.name));
    const takeSample = async () => {
      if (sampling) return;
      sampling = true;
      try {
        const c = kv!.counters;
        const pods = o.agents > 0 ? await app!.pods(down) : undefined;
        const vip = o.agents > 0 ? app!.takeVip(liveAgents()) : { ok: 0, failed: 0 };
        samples.push({ t: now(), writesOk: c.writesOk - lastOk, writesFailed: c.writesFailed - lastFailed, vipOk: vip.ok, vipFailed: vip.failed, replicasReady: pods?.ready ?? -1, pods: pods?.total ?? -1 });
        lastOk = c.writesOk;
        lastFailed = c.writesFailed;
      } finally {
        sampling = false;
      }
    };
    sampler = setInterval(() => void takeSample(), sampleMs);
    const healthy = (since: number): boolean => {
      const recent = samples.slice(-2);
      if (recent.length < 2 || recent[0].t - sampleMs < since) return false;
      return recent.every((s) => s.writesOk > 0 && (o.agents === 0 || (s.replicasReady === o.replicas && s.vipOk > 0 && s.vipFailed === 0)));
    };
    /** First time after `since` (and after the fault was noticed, if asked) that two samples in a row were whole. */
    const waitHealthy = async (deadline: number, since = now(), noticed?: () => Promise<boolean>): Promise<number | undefined> => {
      let seen = !noticed;
      while (now() < deadline) {
        if (!seen && (await noticed!().catch(() => false))) {
          seen = true;
          since = Math.max(since, now());
        }
        if (seen && healthy(since)) return samples[samples.length - 2].t;
        await sleep(sampleMs / 2);
      }
      return undefined;
    };

    const ctx: FaultContext = {
      cluster,
      net,
      rand,
      holders: () => app!.holders(),
      workloadPods: async () => {
        const list = await app!.api.list('pods', 'default', { labelSelector: 'app=chaos-web' }).catch(() => undefined);
        return (list?.items ?? []).filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && !down.has(p.spec?.nodeName)).map((p) => p.metadata.name as string);
      },
      restarts: async (pod) => {
        // Only "not found" means gone; any other failure (a master down) throws: not noticed yet.
        const p = await app!.api.get('pods', 'default', pod).catch((err) => {
          if (err instanceof ApiCallError && err.reason === 'NotFound') return undefined;
          throw err;
        });
        if (!p || p.metadata.deletionTimestamp) return undefined;
        return ((p.status?.containerStatuses ?? []) as { restartCount?: number }[]).reduce((n, c) => n + (c.restartCount ?? 0), 0);
      },
      busiestAgent: async () => {
        const list = await app!.api.list('pods', 'default', { labelSelector: 'app=chaos-web' }).catch(() => undefined);
        const count = new Map<string, number>();
        for (const p of list?.items ?? []) if (p.spec?.nodeName) count.set(p.spec.nodeName, (count.get(p.spec.nodeName) ?? 0) + 1);
        const candidates = cluster.agents.filter((a) => !down.has(a.name));
        candidates.sort((a, b) => (count.get(b.name) ?? 0) - (count.get(a.name) ?? 0));
        return candidates[0];
      },
    };

    // ---- the schedule: every enabled fault type once per round, in a seeded order ----
    await waitHealthy(now() + 30_000);
    // --duration counts the faults, not the set-up before them.
    const scheduleEnd = now() + o.durationMs;
    let round: FaultType[] = [];
    let roundsStarted = 0;
    while (faultTypes.length > 0) {
      if (o.rounds === undefined ? now() >= scheduleEnd : round.length === 0 && roundsStarted >= o.rounds) break;
      if (round.length === 0) {
        round = [...faultTypes].sort(() => rand() - 0.5);
        roundsStarted++;
      }
      const type = round.shift()!;
      // A master that died outside any fault is a crash: an anomaly; restart it as a supervisor
      // would, so one crash does not cascade into a lost quorum for the rest of the run.
      for (const m of cluster.masters) {
        if (!cluster.running(m)) {
          anomalies.push({ kind: 'unexpected-exit', detail: `${m.name} was not running before ${type} (see ${m.logFile}); restarted`, at: now() });
          cluster.startHost(m);
        }
      }
      for (const a of cluster.agents) {
        if (!down.has(a.name) && !cluster.running(a)) {
          anomalies.push({ kind: 'unexpected-exit', detail: `${a.name} was not running before ${type} (see ${a.logFile}); restarted`, at: now() });
          cluster.startHost(a);
        }
      }
      const holdMs = 1000 + Math.floor(rand() * 1500);
      progress(o, now, kv, app, faults, `injecting ${type}`);
      const at = now();
      let injected;
      try {
        injected = await inject(type, ctx, holdMs);
      } catch (err) {
        anomalies.push({ kind: 'harness-error', detail: `${type}: could not inject: ${(err as Error).message}`, at });
        continue;
      }
      if (!injected) continue;
      const rec: FaultRecord = { type, target: injected.target, at, note: injected.note };
      faults.push(rec);
      if (type === 'kill-agent-host') down.add(injected.target);
      if (!injected.healAfterRecovery) {
        await sleep(holdMs);
        await injected.heal();
        rec.healedAt = now();
      }
      const ticker = setInterval(() => progress(o, now, kv!, app, faults, `${type} ${injected!.target}: waiting until whole`), 1000);
      rec.recoveredAt = await waitHealthy(now() + recoveryTimeoutMs, at, injected.noticed);
      clearInterval(ticker);
      if (rec.recoveredAt === undefined) anomalies.push({ kind: 'not-recovered', detail: `${type} on ${rec.target}: not whole within ${recoveryTimeoutMs} ms`, at: now() });
      if (injected.healAfterRecovery) {
        await injected.heal();
        rec.healedAt = now();
        const host = cluster.agents.find((a) => a.name === injected!.target);
        await waitFor(async () => {
          const n = await app!.api.get('nodes', '', injected!.target).catch(() => undefined);
          return n?.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True') ? true : undefined;
        }, 30_000).catch(() => anomalies.push({ kind: 'not-recovered', detail: `${injected!.target} did not come back Ready after restart`, at: now() }));
        if (host) down.delete(host.name);
      }
      await sleep(1000);
    }
    progress(o, now, kv, app, faults, 'schedule done; final checks');
    await net.healAll(cluster.masters);
    for (const m of cluster.masters) if (!cluster.running(m)) cluster.startHost(m);
    await waitHealthy(now() + recoveryTimeoutMs);
  } catch (err) {
    anomalies.push({ kind: 'harness-error', detail: (err as Error).stack ?? String(err), at: now() });
  } finally {
    if (sampler) clearInterval(sampler);
    if (kv) {
      await kv.stop();
      await finalChecks(run, kv, watchers, cluster.endpoints, now);
    }
    for (const w of watchers) await w.stop();
    app?.stop();
    if (app) anomalies.push(...app.anomalies);
    await cluster.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    computeWindows(run, kv?.counters.writeTimes ?? []);
  }
  return run;
}

/** Final linearizable reads of every key, then the linearizability and watch checks. */
async function finalChecks(run: ChaosRun, kv: KvWorkload, watchers: WatchChecker[], endpoints: string[], now: () => number): Promise<void> {
  run.totals.writesOk = kv.counters.writesOk;
  run.totals.writesFailed = kv.counters.writesFailed;
  run.totals.readsOk = kv.counters.readsOk;
  let finalRev = 0;
  try {
    finalRev = await currentRevision(endpoints);
  } catch (err) {
    run.anomalies.push({ kind: 'harness-error', detail: `final revision: ${(err as Error).message}`, at: now() });
  }
  // Watchers must catch up to the end (bounded).
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && watchers.some((w) => w.lastRevision < finalRev)) await sleep(100);
  for (const w of watchers) {
    run.anomalies.push(...w.anomalies);
    run.totals.watchEvents += w.events;
    const missing = w.missing(kv.acked, Math.min(finalRev, w.lastRevision));
    if (missing.length > 0) run.anomalies.push({ kind: 'watch-gap', detail: `acknowledged writes never delivered to a watcher: revisions ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`, at: now() });
    if (w.lastRevision < finalRev) run.anomalies.push({ kind: 'watch-gap', detail: `a watcher stopped at revision ${w.lastRevision} of ${finalRev}`, at: now() });
  }
  const result = checkLinearizable(kv.recorder.history(), { maxExploredPerKey: 2_000_000 });
  for (const k of result.perKey) {
    if (k.result === 'violation') run.anomalies.push({ kind: 'not-linearizable', detail: `key ${k.key}: no linearization of its ${k.ops} operations (${KV_PREFIX} history)`, at: now() });
  }
  if (result.verdict === 'unknown') run.anomalies.push({ kind: 'harness-error', detail: 'linearizability search gave up (too many overlapping operations of unknown outcome)', at: now() });
}

/** Per fault: the longest stretch without a successful write, and of VIP failures, from injection to recovery. */
function computeWindows(run: ChaosRun, writeTimes: number[]): void {
  for (const f of run.faults) {
    const end = f.recoveredAt ?? f.healedAt ?? f.at;
    let prev = f.at;
    let longest = 0;
    for (const t of writeTimes) {
      if (t <= f.at) continue;
      if (t > end) {
        longest = Math.max(longest, t - prev);
        break;
      }
      longest = Math.max(longest, t - prev);
      prev = t;
    }
    f.writeUnavailableMs = Math.round(longest);
    if (run.agents > 0) {
      let start: number | undefined;
      let worst = 0;
      for (const s of run.samples) {
        if (s.t < f.at || s.t > end + run.sampleMs) continue;
        if (s.vipFailed > 0) start ??= s.t - run.sampleMs;
        else if (start !== undefined) {
          worst = Math.max(worst, s.t - run.sampleMs - start);
          start = undefined;
        }
      }
      f.vipErrorMs = Math.round(worst);
    }
  }
  for (const s of run.samples) {
    run.totals.vipOk += s.vipOk;
    run.totals.vipFailed += s.vipFailed;
  }
}

function progress(o: RunOptions, now: () => number, kv: KvWorkload | undefined, app: AppWorkload | undefined, faults: FaultRecord[], what: string): void {
  if (!o.progress) return;
  const c = kv?.counters;
  o.progress(`[${(now() / 1000).toFixed(0).padStart(4)}s${o.rounds ? "" : `/${(o.durationMs / 1000).toFixed(0)}s`}] faults ${faults.length}  writes ok ${c?.writesOk ?? 0} failed ${c?.writesFailed ?? 0}  anomalies ${app?.anomalies.length ?? 0}  ${what}`);
}
