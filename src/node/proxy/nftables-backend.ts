// nftables mode: everything lives in one table, `ip shoal`, changed only by `nft -f` scripts
// (each one kernel transaction: a packet sees the rules before or after, never half).
//
//   services            ip daddr . l4proto . dport  vmap @service-ips        -> goto pick-N / svc-<id>
//                       fib daddr local: l4proto . dport vmap @service-nodeports -> np-pick-N / ext-<id>
//   pick-N, slot-<i>    shared by every service with N endpoints: `numgen random mod N` picks a
//                       slot, whose chain DNATs through that slot's map (nftables-maps.ts)
//   svc-/ext-/sep-      chains of services with ClientIP affinity only (nftables-affinity.ts)
//   nat-postrouting     hairpin (a pod reaching itself) and marked packets are masqueraded
//   reject-unrouted     (filter output/forward) whatever still goes to the service range was not
//                       DNATed: no ready endpoint or no such service -> TCP reset / ICMP
//                       unreachable at once, never routed onward; node ports with no endpoint
//                       are rejected in filter input.
//
// An update deletes and adds only the elements (and affinity chains) that differ: O(changes),
// and since `nft` reads chains but not elements before each script, its cost does not grow with
// the number of services. A failed transaction changes nothing; syncAll then rebuilds the whole
// table in one transaction (delete + create; conntrack keeps established connections).
import type { Logger } from 'pino';
import { CommandError, CommandRunner } from '../network/command.ts';
import { affinityChangeInPlace, affinityElements, addAffinityChains, changeAffinityChains, deleteAffinityChains } from './nftables-affinity.ts';
import { hairpinElement, mapPathOf, skeleton, T, type Fixture } from './nftables-maps.ts';
import { ProxyBackendError, type ProxyBackend, type ProxyConfig } from './proxy-backend.ts';
import type { RuleChanges, ServicePortRule } from './service-rules.ts';


const hasAffinity = (r: ServicePortRule): boolean => r.affinitySeconds !== undefined;

/** One transaction being written: sections in the order the kernel needs them. */
class Script {
  /** Fixtures (shared maps and chains) created by this script, in order. */
  readonly fixtures: string[] = [];
  readonly fixtureCmds: string[] = [];
  readonly deletes: string[] = [];
  readonly chainCmds: string[] = [];
  readonly adds: string[] = [];

  lines(): string[] {
    return [...this.fixtureCmds, ...this.deletes.map((e) => `delete element ${T} ${e}`), ...this.chainCmds, ...this.adds.map((e) => `add element ${T} ${e}`)];
  }
}

export class NftablesBackend implements ProxyBackend {
  readonly mode = 'nftables' as const;
  private readonly cmd: CommandRunner;
  /** Shared maps and chains in the kernel (deleted only by syncAll: an unused one costs nothing). */
  private fixtures = new Set<string>();
  /** Endpoint address -> how many rules' endpoints have it (one hairpin element per address). */
  private hairpin = new Map<string, number>();

  constructor(
    private readonly config: ProxyConfig,
    private readonly log: Logger,
  ) {
    this.cmd = new CommandRunner(log);
  }

  /** The elements a rule owns; fixtures it needs that are not there yet go into `script`. */
  private elementsOf(r: ServicePortRule, script: Script): string[] {
    if (hasAffinity(r)) return affinityElements(r);
    const { elements, fixtures } = mapPathOf(r, this.config.clusterCidr);
    for (const f of fixtures) this.need(f, script);
    return elements;
  }

  private need(f: Fixture, script: Script): void {
    if (this.fixtures.has(f.name) || script.fixtures.includes(f.name)) return;
    script.fixtures.push(f.name);
    script.fixtureCmds.push(...f.commands);
  }

  async syncAll(rules: ReadonlyMap<string, ServicePortRule>): Promise<void> {
    const before = { fixtures: this.fixtures, hairpin: this.hairpin };
    this.fixtures = new Set();
    this.hairpin = new Map();
    const script = new Script();
    for (const r of rules.values()) {
      if (hasAffinity(r)) script.chainCmds.push(...addAffinityChains(r, this.config.clusterCidr));
      script.adds.push(...this.elementsOf(r, script));
      for (const e of r.endpoints) this.hairpin.set(e.ip, (this.hairpin.get(e.ip) ?? 0) + 1);
    }
    for (const ip of this.hairpin.keys()) script.adds.push(hairpinElement(ip));
    // `add table` first so that `delete table` cannot fail on a fresh kernel; all one transaction.
    try {
      await this.run('sync-all', [`add table ${T}`, `delete table ${T}`, ...skeleton(this.config.serviceCidr), ...script.lines()]);
    } catch (err) {
      // The kernel still holds what it held.
      this.fixtures = before.fixtures;
      this.hairpin = before.hairpin;
      throw err;
    }
    this.fixtures = new Set(script.fixtures);
  }

  async apply(changes: RuleChanges): Promise<void> {
    const script = new Script();
    const hairpin = new Map(this.hairpin);
    const count = (r: ServicePortRule, by: number) => {
      for (const e of r.endpoints) hairpin.set(e.ip, (hairpin.get(e.ip) ?? 0) + by);
    };
    const remove = (r: ServicePortRule) => {
      script.deletes.push(...this.elementsOf(r, script));
      if (hasAffinity(r)) script.chainCmds.push(...deleteAffinityChains(r));
    };
    const add = (r: ServicePortRule) => {
      if (hasAffinity(r)) script.chainCmds.push(...addAffinityChains(r, this.config.clusterCidr));
      script.adds.push(...this.elementsOf(r, script));
    };
    for (const r of changes.removed) {
      remove(r);
      count(r, -1);
    }
    for (const { before: b, after: a } of changes.changed) {
      count(b, -1);
      count(a, 1);
      const inPlace = !hasAffinity(b) && !hasAffinity(a);
      if (inPlace || (hasAffinity(b) && hasAffinity(a) && affinityChangeInPlace(b, a))) {
        const bEls = new Set(this.elementsOf(b, script));
        const aEls = new Set(this.elementsOf(a, script));
        for (const el of bEls) if (!aEls.has(el)) script.deletes.push(el);
        for (const el of aEls) if (!bEls.has(el)) script.adds.push(el);
        if (!inPlace) script.chainCmds.push(...changeAffinityChains(b, a, this.config.clusterCidr));
      } else {
        // Chains replaced wholesale: every element pointing at them goes and comes back.
        remove(b);
        add(a);
      }
    }
    for (const r of changes.added) {
      add(r);
      count(r, 1);
    }
    for (const [ip, n] of hairpin) {
      const was = this.hairpin.get(ip) ?? 0;
      if (n <= 0) hairpin.delete(ip);
      if (was > 0 && n <= 0) script.deletes.push(hairpinElement(ip));
      else if (was <= 0 && n > 0) script.adds.push(hairpinElement(ip));
    }
    const lines = script.lines();
    if (lines.length === 0) return;
    await this.run('apply', lines);
    this.hairpin = hairpin;
    for (const f of script.fixtures) this.fixtures.add(f);
  }

  async cleanup(): Promise<void> {
    await this.run('cleanup', [`add table ${T}`, `delete table ${T}`]);
    this.fixtures = new Set();
    this.hairpin = new Map();
  }

  private async run(op: string, script: string[]): Promise<void> {
    try {
      await this.cmd.run(['nft', '-f', '-'], { netns: this.config.netns, input: script.join('\n') + '\n', timeoutMs: 120_000 });
    } catch (err) {
      const msg = err instanceof CommandError ? err.stderr.trim().split('\n').slice(0, 6).join(' | ') : (err as Error).message;
      throw new ProxyBackendError('nftables', op, msg);
    }
  }
}
