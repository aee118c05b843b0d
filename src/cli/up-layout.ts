// Where the masters of a local group live: names, loopback ports, data dirs, log files, and
// the `shoal master` flags that follow from them.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './free-port.ts';
import { initialCluster, memberFlags } from './member-flags.ts';

export interface UpMaster {
  name: string;
  clientPort: number;
  peerPort: number;
  dataDir: string;
  logFile: string;
  /** host:port of the client (control) API. */
  endpoint: string;
  args: string[];
}

export interface UpLayoutOptions {
  masters: number;
  dataDir: string;
  /** Client ports basePort+i, peer ports basePort+10+i; 0: whatever ports the OS has free. */
  basePort: number;
  token: string;
  logLevel: string;
  /** The data dirs are about to be wiped: do not reuse remembered ports. */
  fresh?: boolean;
  /** Extra `shoal master` flags for every master. */
  extraArgs?: string[];
}

const HOST = '127.0.0.1';

/**
 * Ports the OS picked for an earlier `--base-port 0` group in this data dir: member ids follow
 * from the peer URLs, so a restarted group must get the same ports to find its data again.
 */
const PORTS_FILE = 'ports.json';

async function rememberedPorts(dataDir: string, masters: number): Promise<{ client: number; peer: number }[] | undefined> {
  try {
    const saved = JSON.parse(await readFile(path.join(dataDir, PORTS_FILE), 'utf8')) as { client: number; peer: number }[];
    if (Array.isArray(saved) && saved.length === masters && saved.every((p) => Number.isInteger(p.client) && Number.isInteger(p.peer))) return saved;
  } catch {
    // none yet, or unreadable: pick new ones
  }
  return undefined;
}

export async function upLayout(o: UpLayoutOptions): Promise<UpMaster[]> {
  let ports: { client: number; peer: number }[] = [];
  const remembered = o.basePort === 0 && !o.fresh ? await rememberedPorts(o.dataDir, o.masters) : undefined;
  if (remembered) ports = remembered;
  else {
    for (let i = 0; i < o.masters; i++) {
      ports.push(o.basePort === 0 ? { client: await freePort(), peer: await freePort() } : { client: o.basePort + i, peer: o.basePort + 10 + i });
    }
  }
  if (o.basePort === 0) {
    await mkdir(o.dataDir, { recursive: true });
    await writeFile(path.join(o.dataDir, PORTS_FILE), JSON.stringify(ports));
  }
  const placements = ports.map((p, i) => {
    const name = `m${i + 1}`;
    return { name, dataDir: path.join(o.dataDir, name), host: HOST, clientPort: p.client, peerPort: p.peer };
  });
  const cluster = initialCluster(placements);
  return placements.map((m) => ({
    name: m.name,
    clientPort: m.clientPort,
    peerPort: m.peerPort,
    dataDir: m.dataDir,
    logFile: path.join(o.dataDir, `${m.name}.log`),
    endpoint: `${HOST}:${m.clientPort}`,
    args: [...memberFlags(m, cluster, 'new', o.token), `--log-level=${o.logLevel}`, ...(o.extraArgs ?? [])],
  }));
}
