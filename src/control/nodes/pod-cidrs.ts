// Pod CIDRs for nodes: each node gets a /24 of the cluster's pod range (default
// 10.244.0.0/16), recorded in a ConfigMap (kube-system/shoal-podcidr-allocations: node name ->
// CIDR) that is updated by compare-and-swap before the Node is, so two masters registering two
// nodes at once never hand out one range twice. A node keeps its range across restarts.
import { isAlreadyExists, isConflict, isNotFound, type ResourceClient } from '../client/resource-client.ts';

export const POD_CIDR_CONFIGMAP = 'shoal-podcidr-allocations';
const NS = 'kube-system';
const MAX_ATTEMPTS = 20;

export class PodCidrAllocator {
  private readonly base: number[];
  private readonly count: number;

  constructor(
    private readonly client: ResourceClient,
    clusterCidr = '10.244.0.0/16',
  ) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(clusterCidr);
    if (!m || Number(m[5]) > 24) throw new Error(`pod CIDR allocator: "${clusterCidr}" is not an IPv4 range of /24 or larger`);
    this.base = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    this.count = 2 ** (24 - Number(m[5]));
  }

  private cidr(i: number): string {
    const n = ((this.base[0] << 24) | (this.base[1] << 16) | (this.base[2] << 8)) + (i << 8);
    return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.0/24`;
  }

  /** The node's range, allocating one if it has none. */
  async allocate(node: string): Promise<string> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let cm;
      try {
        cm = await this.client.get('configmaps', NS, POD_CIDR_CONFIGMAP);
      } catch (err) {
        if (!isNotFound(err)) throw err;
        try {
          await this.client.create('configmaps', NS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: POD_CIDR_CONFIGMAP, namespace: NS }, data: {} });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
        continue;
      }
      const data: Record<string, string> = cm.data ?? {};
      if (data[node]) return data[node];
      const used = new Set(Object.values(data));
      let free = -1;
      for (let i = 0; i < this.count; i++) {
        if (!used.has(this.cidr(i))) {
          free = i;
          break;
        }
      }
      if (free < 0) throw new Error(`no pod CIDR left for node ${node}: all ${this.count} ranges are taken`);
      try {
        await this.client.update('configmaps', NS, { ...cm, data: { ...data, [node]: this.cidr(free) } });
        return this.cidr(free);
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
    throw new Error(`pod CIDR for node ${node}: too much contention`);
  }
}
