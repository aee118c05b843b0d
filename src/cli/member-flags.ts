// The flags that place one member of a group: etcd's own names and meanings, which
// `shoal master` takes too, so the same list starts either (shoal up, the benchmarks).

export interface MemberPlacement {
  name: string;
  dataDir: string;
  host: string;
  clientPort: number;
  peerPort: number;
}

/** name=http://host:peerPort,... for --initial-cluster. */
export function initialCluster(members: Pick<MemberPlacement, 'name' | 'host' | 'peerPort'>[]): string {
  return members.map((m) => `${m.name}=http://${m.host}:${m.peerPort}`).join(',');
}

export function memberFlags(m: MemberPlacement, cluster: string, state: 'new' | 'existing', token: string): string[] {
  const peerUrl = `http://${m.host}:${m.peerPort}`;
  const clientUrl = `http://${m.host}:${m.clientPort}`;
  return [
    `--name=${m.name}`,
    `--data-dir=${m.dataDir}`,
    `--listen-peer-urls=${peerUrl}`,
    `--initial-advertise-peer-urls=${peerUrl}`,
    `--listen-client-urls=${clientUrl}`,
    `--advertise-client-urls=${clientUrl}`,
    `--initial-cluster=${cluster}`,
    `--initial-cluster-state=${state}`,
    `--initial-cluster-token=${token}`,
  ];
}
