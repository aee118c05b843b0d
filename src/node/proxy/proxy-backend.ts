// The kernel side of the service proxy, behind one interface so that the iptables and nftables
// modes pass the same tests. A backend owns only what it wrote (chains named SHOAL-*, or the
// table `ip shoal`) and never touches anything else in the kernel.
import type { RuleChanges, ServicePortRule } from './service-rules.ts';

export type ProxyMode = 'iptables' | 'nftables';

export interface ProxyConfig {
  /** The service virtual-IP range (e.g. 10.96.0.0/16): an address in it that no rule DNATs is rejected. */
  serviceCidr: string;
  /**
   * All pods' addresses (e.g. 10.244.0.0/16). Traffic to a virtual IP from outside it is
   * masqueraded, so that replies come back through this node (Kubernetes' --cluster-cidr).
   */
  clusterCidr?: string;
  /** Run the commands in this network namespace (path) instead of the process's own. */
  netns?: string;
}

/** The firewall mark bit that asks POSTROUTING to masquerade (the same bit Kubernetes uses). */
export const MASQ_MARK = 0x4000;

export class ProxyBackendError extends Error {
  override readonly name = 'ProxyBackendError';
  constructor(
    readonly mode: ProxyMode,
    readonly op: string,
    message: string,
  ) {
    super(`${mode} ${op}: ${message}`);
  }
}

export interface ProxyBackend {
  readonly mode: ProxyMode;
  /**
   * Makes the kernel hold exactly `rules` (and the fixed chains): reads what is there, rewrites
   * ours in one transaction, removes ours that are no longer wanted. Used at start and after a
   * failed incremental update.
   */
  syncAll(rules: ReadonlyMap<string, ServicePortRule>): Promise<void>;
  /** Applies only `changes` in one transaction: O(changes), not O(services). */
  apply(changes: RuleChanges): Promise<void>;
  /** Removes everything this backend owns from the kernel. */
  cleanup(): Promise<void>;
}
