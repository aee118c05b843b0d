// `shoal image import NAME:TAG ROOTFS.tar`: no registry is reachable from shoal's hosts, so
// images come from root filesystem tarballs, imported into a node's Docker engine.
import Docker from 'dockerode';
import { existsSync } from 'node:fs';
import { importImage } from '../node/runtime/docker-runtime.ts';
import { parseFlags } from './args.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `usage: shoal image import NAME:TAG ROOTFS.tar [--docker-socket PATH] [--change 'CMD ["sh"]']

Imports a root filesystem tarball as an image into the Docker engine an agent uses
(default socket /run/shoal-docker.sock). Pods then use it with imagePullPolicy Never or
IfNotPresent.`;

export async function runImage(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    console.log(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'import') throw new UsageError(`unknown image command "${sub}" (only: import)`);
  const words = rest.filter((a) => !a.startsWith('--'));
  const { values } = parseFlags(
    rest.filter((a) => a.startsWith('--')),
    { 'docker-socket': {}, change: {} },
  );
  const [name, tar, ...extra] = words;
  if (!name || !tar) throw new UsageError('give NAME:TAG and ROOTFS.tar');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!existsSync(tar)) throw new UsageError(`${tar}: no such file`);
  const socketPath = (values['docker-socket'] as string | undefined) ?? '/run/shoal-docker.sock';
  if (!existsSync(socketPath)) {
    console.error(`shoal image: no Docker engine at ${socketPath} (start one with scripts/dockerd.sh start, inside a sandbox)`);
    return 1;
  }
  const id = await importImage(new Docker({ socketPath }), name, tar, values.change ? { changes: [values.change as string] } : {});
  console.log(`${name} imported (${id})`);
  return 0;
}
