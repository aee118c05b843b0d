// Real `shoal master` processes on loopback for the CLI tests: free ports, temp data dirs,
// and polling helpers that explain themselves when they time out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { status } from '@grpc/grpc-js';
import { ControlCallError, ControlClient } from '../../src/cli/control-client.ts';
import { freePort } from '../../src/cli/free-port.ts';
import { MasterProcess } from '../../src/cli/master-process.ts';
import type { StatusResponse__Output } from '../../src/gen/shoal/control/StatusResponse.ts';

export interface TestMember {
  name: string;
  endpoint: string;
  args: string[];
  logFile: string;
  proc: MasterProcess;
  client: ControlClient;
}

export class TestCluster {
  readonly root = mkdtempSync(path.join(tmpdir(), 'shoal-cli-'));
  members: TestMember[] = [];

  /** Starts `n` masters of one new cluster; `extraArgs` go to every master. */
  async start(n: number, extraArgs: string[] = []): Promise<void> {
    const ports: { client: number; peer: number }[] = [];
    for (let i = 0; i < n; i++) ports.push({ client: await freePort(), peer: await freePort() });
    const names = ports.map((_, i) => `n${i + 1}`);
    const cluster = names.map((name, i) => `${name}=http://127.0.0.1:${ports[i].peer}`).join(',');
    this.members = names.map((name, i) => {
      const args = [
        `--name=${name}`,
        `--data-dir=${path.join(this.root, name)}`,
        `--listen-peer-urls=http://127.0.0.1:${ports[i].peer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${ports[i].peer}`,
        `--listen-client-urls=http://127.0.0.1:${ports[i].client}`,
        `--advertise-client-urls=http://127.0.0.1:${ports[i].client}`,
        `--initial-cluster=${cluster}`,
        '--initial-cluster-token=cli-test',
        // A plain etcd-compatible store unless the test asks for the resource API.
        ...(extraArgs.some((f) => f.startsWith('--api=') || f.startsWith('--controllers=')) ? [] : ['--api=false']),
        ...extraArgs,
      ];
      const endpoint = `127.0.0.1:${ports[i].client}`;
      const logFile = path.join(this.root, `${name}.log`);
      return { name, endpoint, args, logFile, proc: this.spawn(name, args, logFile), client: new ControlClient(endpoint, 2000) };
    });
  }

  spawn(name: string, args: string[], logFile: string): MasterProcess {
    return new MasterProcess({ name, args, logFile });
  }

  /** Starts a stopped member again with its original flags (same data dir, same ports). */
  restart(m: TestMember): void {
    m.proc = this.spawn(m.name, m.args, m.logFile);
  }

  async statuses(members = this.members): Promise<(StatusResponse__Output | undefined)[]> {
    return Promise.all(members.map((m) => m.client.status().catch(() => undefined)));
  }

  /** Waits until every given member answers and all name the same leader, which leads. */
  async waitForLeader(members = this.members, timeoutMs = 15_000): Promise<TestMember> {
    let last: unknown;
    const found = await waitFor(
      async () => {
        const st = await this.statuses(members);
        last = st.map((s) => s && { name: s.name, role: s.role, term: s.term, leader: s.leaderId });
        if (st.some((s) => !s)) return undefined;
        const leaderId = st[0]!.leaderId;
        if (!leaderId || st.some((s) => s!.leaderId !== leaderId)) return undefined;
        const i = st.findIndex((s) => s!.id === leaderId && s!.role === 'leader');
        return i >= 0 ? members[i] : undefined;
      },
      timeoutMs,
      () => `no agreed leader; last statuses ${JSON.stringify(last)}; logs in ${this.root}`,
    );
    return found;
  }

  /**
   * Waits until the given members all applied the same number of entries, within
   * [min, max], with one digest; returns the pair.
   */
  async waitForConvergence(min: number, max = min, members = this.members, timeoutMs = 15_000): Promise<{ count: number; digest: string }> {
    let last: unknown;
    return waitFor(
      async () => {
        const st = await this.statuses(members);
        last = st.map((s) => s && { name: s.name, count: s.smAppliedCount, digest: s.smDigest.slice(0, 12), applied: s.applied });
        if (st.some((s) => !s)) return undefined;
        const counts = new Set(st.map((s) => s!.smAppliedCount));
        const digests = new Set(st.map((s) => s!.smDigest));
        const count = st[0]!.smAppliedCount;
        if (counts.size !== 1 || digests.size !== 1 || count < min || count > max) return undefined;
        return { count, digest: st[0]!.smDigest };
      },
      timeoutMs,
      () => `members did not converge on [${min}, ${max}] entries; last ${JSON.stringify(last)}; logs in ${this.root}`,
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.proc.stop(5000)));
    for (const m of this.members) m.client.close();
    // SHOAL_TEST_KEEP=1 keeps data dirs and logs for a look afterwards.
    if (process.env.SHOAL_TEST_KEEP === '1') console.log(`kept ${this.root}`);
    else rmSync(this.root, { recursive: true, force: true });
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, explain: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Proposes `n` entries one after another. A definite refusal (no leader yet, leadership
 * moving) is retried; a timeout is not, because the entry may still commit: it is counted as
 * ambiguous, so the caller knows the applied count lies in [ok, ok + ambiguous].
 */
export async function proposeMany(client: ControlClient, n: number, tag: string, timeoutMs = 15_000): Promise<{ ok: number; ambiguous: number }> {
  const deadline = Date.now() + timeoutMs;
  let ok = 0;
  let ambiguous = 0;
  for (let i = 0; i < n; i++) {
    const data = new TextEncoder().encode(`${tag} ${i}`);
    for (;;) {
      try {
        await client.propose(data);
        ok++;
        break;
      } catch (err) {
        if (!(err instanceof ControlCallError) || Date.now() > deadline) throw err;
        if (err.code === status.DEADLINE_EXCEEDED || err.code === status.CANCELLED) {
          ambiguous++;
          break;
        }
        if (err.code !== status.UNAVAILABLE && err.code !== status.RESOURCE_EXHAUSTED) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  return { ok, ambiguous };
}
