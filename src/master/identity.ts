// A data dir belongs to one member of one cluster. Ids are derived from the flags, so a
// restart with a changed name, peer URL or token would otherwise boot this Raft log under
// another id: a new "member" holding votes and entries the cluster never gave it. The
// identity file written on first start turns that into a clear refusal.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { MasterConfig } from './config.ts';
import { formatId } from './member-id.ts';

const FILE = 'member.json';

export class IdentityMismatchError extends Error {
  override readonly name = 'IdentityMismatchError';

  constructor(
    readonly dataDir: string,
    readonly stored: MemberIdentity,
    readonly wanted: MemberIdentity,
  ) {
    super(
      `data dir ${dataDir} belongs to member "${stored.name}" (id ${formatId(stored.id)}) of cluster ${formatId(stored.clusterId)}, ` +
        `but the flags describe member "${wanted.name}" (id ${formatId(wanted.id)}) of cluster ${formatId(wanted.clusterId)}; ` +
        'use the original --name, --initial-advertise-peer-urls, --initial-cluster and --initial-cluster-token, or another --data-dir',
    );
  }
}

export interface MemberIdentity {
  name: string;
  id: number;
  clusterId: number;
  peerUrl: string;
}

/** Returns true when the data dir is new (identity just written), false when it matched. */
export async function claimDataDir(cfg: MasterConfig): Promise<boolean> {
  const wanted: MemberIdentity = { name: cfg.name, id: cfg.id, clusterId: cfg.clusterId, peerUrl: cfg.advertisePeerUrl };
  await mkdir(cfg.dataDir, { recursive: true });
  const file = path.join(cfg.dataDir, FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    const stored = JSON.parse(text) as MemberIdentity;
    if (stored.id !== wanted.id || stored.clusterId !== wanted.clusterId) throw new IdentityMismatchError(cfg.dataDir, stored, wanted);
    return false;
  }
  // Written whole and synced before the rename, so a crash leaves no half file behind.
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(JSON.stringify(wanted, null, 2) + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  return true;
}
