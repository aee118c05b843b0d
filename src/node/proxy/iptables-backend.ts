// iptables mode: chains named SHOAL-* in the nat and filter tables, written with
// `iptables-restore --noflush` (one transaction per table; chains we did not write are never
// touched).
//
//   nat PREROUTING, OUTPUT  -> SHOAL-SERVICES: one rule per service port with endpoints,
//                              `-d VIP -p P --dport N -j SHOAL-SVC-<id>`, then the node-port
//                              catch `-m addrtype --dst-type LOCAL -j SHOAL-NODEPORTS`
//   SHOAL-SVC-<id>          affinity (`recent --rcheck`) first, then one rule per endpoint with
//                           `statistic --mode random --probability 1/(n-i)`: an even spread
//   SHOAL-EXT-<id>          node-port entry: mark for masquerade, then SHOAL-SVC-<id> (policy
//                           Local: this node's endpoints only, unmarked; none -> DROP)
//   SHOAL-SEP-<id>          hairpin mark, `recent --set` for affinity, DNAT
//   nat POSTROUTING         -> SHOAL-POSTROUTING: marked packets are masqueraded
//   filter OUTPUT, FORWARD  -> SHOAL-REJECT: what still goes to the service range was not
//                              DNATed (no ready endpoint, no such service): reset/unreachable
//   filter INPUT            -> SHOAL-INPUT: node ports with no endpoint are rejected
//
// An update writes only the chains of the service ports that changed and inserts or deletes
// single rules of SHOAL-SERVICES / SHOAL-NODEPORTS (never the whole chain): O(changes). Chain
// order inside SHOAL-SERVICES does not matter (the matches are disjoint) except the node-port
// catch, which stays last because new rules are inserted at the top.
import type { Logger } from 'pino';
import { CommandError, CommandRunner } from '../network/command.ts';
import { MASQ_MARK, ProxyBackendError, type ProxyBackend, type ProxyConfig } from './proxy-backend.ts';
import type { EndpointTarget, RuleChanges, ServicePortRule } from './service-rules.ts';

const PREFIX = 'SHOAL-';
const SERVICES = 'SHOAL-SERVICES';
const NODEPORTS = 'SHOAL-NODEPORTS';
const POSTROUTING = 'SHOAL-POSTROUTING';
const REJECT = 'SHOAL-REJECT';
const INPUT = 'SHOAL-INPUT';
const JUMP_COMMENT = '-m comment --comment "shoal service proxy"';
const MARK = `0x${MASQ_MARK.toString(16)}`;

/** Built-in chain -> our chain it jumps to, per table. */
const JUMPS: Record<'nat' | 'filter', [string, string][]> = {
  nat: [
    ['PREROUTING', SERVICES],
    ['OUTPUT', SERVICES],
    ['POSTROUTING', POSTROUTING],
  ],
  filter: [
    ['OUTPUT', REJECT],
    ['FORWARD', REJECT],
    ['INPUT', INPUT],
  ],
};

const svcChain = (r: ServicePortRule): string => `SHOAL-SVC-${r.id}`;
const extChain = (r: ServicePortRule): string => `SHOAL-EXT-${r.id}`;
const sepChain = (e: EndpointTarget): string => `SHOAL-SEP-${e.id}`;
const proto = (r: ServicePortRule): string => r.protocol.toLowerCase();
const l4 = (r: ServicePortRule): string => `-p ${proto(r)} -m ${proto(r)}`;

/** One table's part of an iptables-restore input: flushed/created chains, rule lines, deleted chains. */
class TableScript {
  readonly declare = new Set<string>();
  readonly lines: string[] = [];
  readonly remove = new Set<string>();

  chain(name: string, rules: string[]): void {
    this.declare.add(name);
    for (const r of rules) this.lines.push(`-A ${name} ${r}`);
  }

  drop(name: string): void {
    this.declare.add(name); // flushed first: -X needs an empty chain
    this.remove.add(name);
  }

  get empty(): boolean {
    return this.declare.size === 0 && this.lines.length === 0 && this.remove.size === 0;
  }

  render(table: string): string {
    const out = [`*${table}`];
    for (const c of this.declare) out.push(`:${c} - [0:0]`);
    // Not push(...lines): a spread passes every line as an argument, and ~10,000 services'
    // worth overflows the call stack (RangeError), so syncAll could never program that many.
    for (const l of this.lines) out.push(l);
    for (const c of this.remove) out.push(`-X ${c}`);
    out.push('COMMIT');
    return out.join('\n');
  }
}

function spreadRules(eps: EndpointTarget[]): string[] {
  return eps.map((e, i) => {
    const left = eps.length - i;
    return left > 1 ? `-m statistic --mode random --probability ${(1 / left).toFixed(10)} -j ${sepChain(e)}` : `-j ${sepChain(e)}`;
  });
}

export class IptablesBackend implements ProxyBackend {
  readonly mode = 'iptables' as const;
  private readonly cmd: CommandRunner;

  constructor(
    private readonly config: ProxyConfig,
    private readonly log: Logger,
  ) {
    this.cmd = new CommandRunner(log);
  }

  private serviceMatch(r: ServicePortRule): string {
    return `-d ${r.clusterIP}/32 ${l4(r)} --dport ${r.port} -j ${svcChain(r)}`;
  }

  private nodePortMatch(r: ServicePortRule): string {
    return `${l4(r)} --dport ${r.nodePort} -j ${extChain(r)}`;
  }

  private noEndpointNodePort(r: ServicePortRule): string {
    const how = r.protocol === 'TCP' ? 'tcp-reset' : 'icmp-port-unreachable';
    return `-m addrtype --dst-type LOCAL ${l4(r)} --dport ${r.nodePort} -j REJECT --reject-with ${how}`;
  }

  private svcRules(r: ServicePortRule): string[] {
    const out: string[] = [];
    if (this.config.clusterCidr) out.push(`! -s ${this.config.clusterCidr} -j MARK --or-mark ${MARK}`);
    if (r.affinitySeconds !== undefined) {
      for (const e of r.endpoints) out.push(`-m recent --name ${sepChain(e)} --rcheck --seconds ${r.affinitySeconds} --reap -j ${sepChain(e)}`);
    }
    out.push(...spreadRules(r.endpoints));
    return out;
  }

  private extRules(r: ServicePortRule): string[] {
    if (!r.externalLocal) return [`-j MARK --or-mark ${MARK}`, `-j ${svcChain(r)}`];
    const local = r.endpoints.filter((e) => e.local);
    return local.length > 0 ? spreadRules(local) : ['-j DROP'];
  }

  private sepRules(r: ServicePortRule, e: EndpointTarget): string[] {
    const out = [`-s ${e.ip}/32 -j MARK --or-mark ${MARK}`];
    if (r.affinitySeconds !== undefined) out.push(`-m recent --name ${sepChain(e)} --set`);
    out.push(`${l4(r)} -j DNAT --to-destination ${e.ip}:${e.port}`);
    return out;
  }

  /** Chains of one rule (written whole, declared first so they are flushed/created). */
  private writeChains(nat: TableScript, r: ServicePortRule): void {
    if (r.endpoints.length === 0) return;
    for (const e of r.endpoints) nat.chain(sepChain(e), this.sepRules(r, e));
    nat.chain(svcChain(r), this.svcRules(r));
    if (r.nodePort !== undefined) nat.chain(extChain(r), this.extRules(r));
  }

  private chainsOf(r: ServicePortRule): string[] {
    if (r.endpoints.length === 0) return [];
    return [svcChain(r), ...(r.nodePort !== undefined ? [extChain(r)] : []), ...r.endpoints.map(sepChain)];
  }

  /** Single rules in shared chains that a rule owns: [table, chain, rule]. */
  private entriesOf(r: ServicePortRule): ['nat' | 'filter', string, string][] {
    const out: ['nat' | 'filter', string, string][] = [];
    if (r.endpoints.length > 0) {
      out.push(['nat', SERVICES, this.serviceMatch(r)]);
      if (r.nodePort !== undefined) out.push(['nat', NODEPORTS, this.nodePortMatch(r)]);
    } else if (r.nodePort !== undefined) {
      out.push(['filter', INPUT, this.noEndpointNodePort(r)]);
    }
    return out;
  }

  async syncAll(rules: ReadonlyMap<string, ServicePortRule>): Promise<void> {
    const existing = { nat: await this.save('nat'), filter: await this.save('filter') };
    const nat = new TableScript();
    const filter = new TableScript();
    const scripts = { nat, filter };
    const services: string[] = [];
    const nodePorts: string[] = [];
    const inputs: string[] = [];
    for (const r of rules.values()) {
      this.writeChains(nat, r);
      for (const [table, chain, rule] of this.entriesOf(r)) (chain === SERVICES ? services : chain === NODEPORTS ? nodePorts : table === 'filter' ? inputs : []).push(rule);
    }
    nat.chain(SERVICES, [...services, `-m addrtype --dst-type LOCAL -j ${NODEPORTS}`]);
    nat.chain(NODEPORTS, nodePorts);
    nat.chain(POSTROUTING, [`-m mark ! --mark ${MARK}/${MARK} -j RETURN`, `-j MARK --xor-mark ${MARK}`, '-j MASQUERADE']);
    const cidr = this.config.serviceCidr;
    filter.chain(REJECT, [`-d ${cidr} -p tcp -j REJECT --reject-with tcp-reset`, `-d ${cidr} -j REJECT --reject-with icmp-port-unreachable`]);
    filter.chain(INPUT, inputs);
    for (const table of ['nat', 'filter'] as const) {
      const ex = existing[table];
      for (const [builtin, ours] of JUMPS[table]) {
        if (!ex.jumps.has(`${builtin}>${ours}`)) scripts[table].lines.push(`-I ${builtin} 1 ${JUMP_COMMENT} -j ${ours}`);
      }
      // Ours from an earlier run that are no longer wanted (a service deleted while we were down).
      for (const c of ex.chains) if (!scripts[table].declare.has(c)) scripts[table].drop(c);
    }
    await this.restore('sync-all', [nat.render('nat'), filter.render('filter')]);
  }

  async apply(changes: RuleChanges): Promise<void> {
    const nat = new TableScript();
    const filter = new TableScript();
    const scripts = { nat, filter };
    const unwanted = new Set<string>();
    const wanted = new Set<string>();
    const entries = (before: ServicePortRule | undefined, after: ServicePortRule | undefined) => {
      const b = before ? this.entriesOf(before) : [];
      const a = after ? this.entriesOf(after) : [];
      const key = ([t, c, r]: ['nat' | 'filter', string, string]) => `${t}|${c}|${r}`;
      const bk = new Set(b.map(key));
      const ak = new Set(a.map(key));
      for (const e of b) if (!ak.has(key(e))) scripts[e[0]].lines.push(`-D ${e[1]} ${e[2]}`);
      for (const e of a) if (!bk.has(key(e))) scripts[e[0]].lines.push(`-I ${e[1]} 1 ${e[2]}`);
    };
    for (const r of changes.removed) {
      entries(r, undefined);
      for (const c of this.chainsOf(r)) unwanted.add(c);
    }
    for (const { before, after } of changes.changed) {
      for (const c of this.chainsOf(before)) unwanted.add(c);
      this.writeChains(nat, after);
      for (const c of this.chainsOf(after)) wanted.add(c);
      entries(before, after);
    }
    for (const r of changes.added) {
      this.writeChains(nat, r);
      for (const c of this.chainsOf(r)) wanted.add(c);
      entries(undefined, r);
    }
    for (const c of unwanted) if (!wanted.has(c)) nat.drop(c);
    // Shared-chain rules that jump to a chain being removed are deleted before it goes, and
    // inserts come after the chains they jump to exist: TableScript puts declarations first, -X last.
    const parts = (['nat', 'filter'] as const).filter((t) => !scripts[t].empty).map((t) => scripts[t].render(t));
    if (parts.length > 0) await this.restore('apply', parts);
  }

  async cleanup(): Promise<void> {
    const parts: string[] = [];
    for (const table of ['nat', 'filter'] as const) {
      const ex = await this.save(table);
      const s = new TableScript();
      for (const line of ex.jumpLines) s.lines.push(line.replace(/^-A /, '-D '));
      for (const c of ex.chains) s.drop(c);
      if (!s.empty) parts.push(s.render(table));
    }
    if (parts.length > 0) await this.restore('cleanup', parts);
  }

  /** Our chains and our jumps from built-in chains, as `iptables-save` shows them now. */
  private async save(table: 'nat' | 'filter'): Promise<{ chains: Set<string>; jumps: Set<string>; jumpLines: string[] }> {
    let text: string;
    try {
      text = (await this.cmd.run(['iptables-save', '-t', table], { netns: this.config.netns, timeoutMs: 120_000 })).stdout;
    } catch (err) {
      throw new ProxyBackendError('iptables', `save ${table}`, (err as Error).message);
    }
    const chains = new Set<string>();
    const jumps = new Set<string>();
    const jumpLines: string[] = [];
    for (const line of text.split('\n')) {
      if (line.startsWith(`:${PREFIX}`)) chains.add(line.slice(1).split(' ')[0]);
      const m = /^-A (PREROUTING|OUTPUT|POSTROUTING|INPUT|FORWARD) .*-j (SHOAL-[A-Z-]+)$/.exec(line);
      if (m) {
        jumps.add(`${m[1]}>${m[2]}`);
        jumpLines.push(line);
      }
    }
    return { chains, jumps, jumpLines };
  }

  private async restore(op: string, parts: string[]): Promise<void> {
    try {
      await this.cmd.run(['iptables-restore', '--noflush', '-w', '5'], { netns: this.config.netns, input: parts.join('\n') + '\n', timeoutMs: 120_000 });
    } catch (err) {
      const msg = err instanceof CommandError ? err.stderr.trim().split('\n').slice(0, 6).join(' | ') : (err as Error).message;
      throw new ProxyBackendError('iptables', op, msg);
    }
  }
}
