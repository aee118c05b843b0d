// A container's own mounts for the process runtime, whose containers otherwise see the host's
// filesystem: the shim is started in a new mount namespace (`unshare --mount --propagation
// private`), where the pod's resolv.conf is bind-mounted over /etc/resolv.conf and each volume
// over its mountPath (read-only ones remounted so) before the shim is exec'd. Every step execs
// in place (nsenter, unshare without --fork, sh's exec), so the process the agent spawned is
// the shim itself: its pid, start time and stdout report are the shim's, and the shim's
// contract (exit file, log, adoption) is unchanged.
//
// Nothing is mounted on the host: the script first checks that it runs in another mount
// namespace than the agent's, and with private propagation nothing made there reaches the
// host. A mountPath that does not exist on the host (the container has no root filesystem of
// its own) is created there first, empty (a directory, or a file for a file volume): the one
// trace on the host, as kubelet's hostPath DirectoryOrCreate. Exec'd processes join the same
// namespace (nsenter --mount=/proc/PID/ns/mnt), so `shoal exec` and exec probes see the mounts.
import { closeSync, existsSync, mkdirSync, openSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { formatResolvConf, type PodDns } from '../../dns/pod-dns.ts';
import { RuntimeError, type Mount } from '../runtime.ts';

/** Args: AGENT_MNT_NS RESOLV_CONF|- N (SRC DST ro|rw)*N -- CMD... ; a failure is reported as the shim reports its own. */
const SCRIPT = `outer=$1 resolv=$2 n=$3; shift 3
fail() { echo "failed container mounts: $*" | tr '\\n' ' '; echo; exit 2; }
if [ "$(readlink /proc/self/ns/mnt)" = "$outer" ]; then fail "not in a private mount namespace, refusing to mount"; fi
if [ "$resolv" != - ]; then err=$(mount --bind "$resolv" /etc/resolv.conf 2>&1) || fail "mount --bind $resolv /etc/resolv.conf: $err"; fi
while [ "$n" -gt 0 ]; do
  src=$1 dst=$2 mode=$3; shift 3; n=$((n - 1))
  err=$(mount --bind "$src" "$dst" 2>&1) || fail "mount --bind $src $dst: $err"
  if [ "$mode" = ro ]; then err=$(mount -o remount,bind,ro "$dst" 2>&1) || fail "read-only $dst: $err"; fi
done
[ "$1" = -- ] && shift
exec "$@"`;

/**
 * `argv` (the shim's command line) run in a mount namespace of its own with the pod's
 * resolv.conf (if given) and `mounts`. Makes the mount points that do not exist on the host.
 */
export function withContainerMounts(opts: { resolvConf?: string; mounts: Mount[] }, argv: string[]): string[] {
  for (const m of opts.mounts) ensureMountPoint(m);
  const agentMntNs = readlinkSync('/proc/self/ns/mnt');
  const triples = opts.mounts.flatMap((m) => [m.hostPath, normalize(m.containerPath), m.readOnly ? 'ro' : 'rw']);
  return ['unshare', '--mount', '--propagation', 'private', '--', '/bin/sh', '-c', SCRIPT, 'shoal-mounts', agentMntNs, opts.resolvConf ?? '-', String(opts.mounts.length), ...triples, '--', ...argv];
}

/** Refuses a mountPath that is not absolute or is `/`; creates it (empty) when the host lacks it. */
function ensureMountPoint(m: Mount): void {
  const dst = normalize(m.containerPath);
  if (!dst.startsWith('/') || dst === '/' || m.containerPath.split('/').includes('..')) {
    throw new RuntimeError('CreateContainerError', `volumeMount mountPath "${m.containerPath}": must be an absolute path other than / without ".."`);
  }
  if (existsSync(dst)) return;
  let isDir = true;
  try {
    isDir = statSync(m.hostPath).isDirectory();
  } catch (e) {
    throw new RuntimeError('CreateContainerError', `volume for ${m.containerPath}: ${(e as Error).message}`);
  }
  if (isDir) mkdirSync(dst, { recursive: true });
  else {
    mkdirSync(dirname(dst), { recursive: true });
    closeSync(openSync(dst, 'a'));
  }
}

/** Writes `<dir>/resolv.conf` for the pod and returns its path. */
export function writePodResolvConf(dir: string, dns: PodDns): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'resolv.conf');
  writeFileSync(path, formatResolvConf(dns), { mode: 0o644 });
  return path;
}
