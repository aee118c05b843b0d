// Builds the service proxy of one mode, and has it remove what the other mode left in the
// kernel (a node switched from iptables to nftables must not keep answering from stale rules).
import type { Logger } from 'pino';
import { IptablesBackend } from './iptables-backend.ts';
import { NftablesBackend } from './nftables-backend.ts';
import type { ProxyConfig, ProxyMode } from './proxy-backend.ts';
import { ServiceProxy, type ObjectSource } from './service-proxy.ts';

export const PROXY_MODES: readonly ProxyMode[] = ['iptables', 'nftables'];

export interface MakeProxyOptions extends ProxyConfig {
  mode: ProxyMode;
  nodeName: string;
  services: ObjectSource;
  endpoints: ObjectSource;
  /** Device the service range is routed to (the pod bridge), so host traffic to a VIP reaches the NAT rules. */
  routeDev?: string;
  logger: Logger;
}

export function makeServiceProxy(o: MakeProxyOptions): ServiceProxy {
  const config: ProxyConfig = { serviceCidr: o.serviceCidr, clusterCidr: o.clusterCidr, netns: o.netns };
  const make = (mode: ProxyMode) => (mode === 'iptables' ? new IptablesBackend(config, o.logger) : new NftablesBackend(config, o.logger));
  return new ServiceProxy({
    backend: make(o.mode),
    replaces: PROXY_MODES.filter((m) => m !== o.mode).map(make),
    services: o.services,
    endpoints: o.endpoints,
    nodeName: o.nodeName,
    serviceCidr: o.serviceCidr,
    routeDev: o.routeDev,
    netns: o.netns,
    logger: o.logger,
  });
}
