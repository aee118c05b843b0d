// Network faults between test hosts, by iptables DROP rules in one chain of our own (CHAOS) in
// each host's namespace, hooked first into INPUT and OUTPUT: a cut is a rule per peer address,
// healing flushes the chain. Nothing else in the host's tables is touched (the agents' service
// proxies have their own chains there).
import type { ChaosHosts, Host } from './hosts.ts';

const CHAIN = 'CHAOS';

export class NetworkFaults {
  private readonly hooked = new Set<string>();

  constructor(private readonly hosts: ChaosHosts) {}

  private hook(h: Host): void {
    if (this.hooked.has(h.name)) return;
    this.hosts.tryExec(h, ['iptables', '-N', CHAIN]);
    for (const builtin of ['INPUT', 'OUTPUT']) {
      if (!this.hosts.tryExec(h, ['iptables', '-C', builtin, '-j', CHAIN])) this.hosts.exec(h, ['iptables', '-I', builtin, '1', '-j', CHAIN]);
    }
    this.hooked.add(h.name);
  }

  /**
   * `h` stops hearing from `peers` (direction 'in'), stops reaching them ('out'), or both. For
   * a clean partition call it on both sides.
   */
  async cut(h: Host, peers: Host[], direction: 'in' | 'out' | 'both' = 'both'): Promise<void> {
    this.hook(h);
    const lines: string[] = ['*filter'];
    for (const p of peers) {
      if (direction !== 'out') lines.push(`-A ${CHAIN} -s ${p.ip}/32 -j DROP`);
      if (direction !== 'in') lines.push(`-A ${CHAIN} -d ${p.ip}/32 -j DROP`);
    }
    lines.push('COMMIT', '');
    await this.hosts.run(h, ['iptables-restore', '--noflush'], lines.join('\n'));
  }

  /** Two groups that cannot reach each other (both directions, both sides). */
  async partition(a: Host[], b: Host[]): Promise<void> {
    await Promise.all([...a.map((h) => this.cut(h, b)), ...b.map((h) => this.cut(h, a))]);
  }

  async heal(h: Host): Promise<void> {
    if (this.hooked.has(h.name)) await this.hosts.run(h, ['iptables', '-F', CHAIN]);
  }

  async healAll(hosts: Iterable<Host>): Promise<void> {
    await Promise.all([...hosts].map((h) => this.heal(h)));
  }
}
