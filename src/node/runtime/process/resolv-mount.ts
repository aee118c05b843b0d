// A pod's own /etc/resolv.conf for the process runtime, whose containers otherwise see the
// host's filesystem: the shim is started in a new mount namespace (`unshare --mount
// --propagation private`), where the pod's file is bind-mounted over /etc/resolv.conf before
// the shim is exec'd. Every step execs in place (nsenter, unshare without --fork, sh's exec),
// so the process the agent spawned is the shim itself: its pid, start time and stdout report
// are the shim's, and the shim's contract (exit file, log, adoption) is unchanged.
//
// The host's /etc/resolv.conf is never touched: the mount is made only after the script has
// checked that it runs in another mount namespace than the agent's, and with private
// propagation nothing made there reaches the host. Exec'd processes join the same namespace
// (nsenter --mount=/proc/PID/ns/mnt), so `shoal exec` and exec probes see the pod's file.
import { mkdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatResolvConf, type PodDns } from '../../dns/pod-dns.ts';

/** Args: RESOLV_CONF AGENT_MNT_NS -- CMD... ; a failure is reported as the shim reports its own. */
const SCRIPT = `resolv=$1 outer=$2; shift 2
if [ "$(readlink /proc/self/ns/mnt)" = "$outer" ]; then echo "failed pod resolv.conf: not in a private mount namespace, refusing to mount"; exit 2; fi
if ! err=$(mount --bind "$resolv" /etc/resolv.conf 2>&1); then echo "failed pod resolv.conf: mount --bind $resolv /etc/resolv.conf: $err" | tr '\\n' ' '; echo; exit 2; fi
exec "$@"`;

/** `argv` (the shim's command line) run with the pod's resolv.conf at /etc/resolv.conf. */
export function withPodResolvConf(resolvConfPath: string, argv: string[]): string[] {
  const agentMntNs = readlinkSync('/proc/self/ns/mnt');
  return ['unshare', '--mount', '--propagation', 'private', '--', '/bin/sh', '-c', SCRIPT, 'shoal-resolv', resolvConfPath, agentMntNs, ...argv];
}

/** Writes `<dir>/resolv.conf` for the pod and returns its path. */
export function writePodResolvConf(dir: string, dns: PodDns): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'resolv.conf');
  writeFileSync(path, formatResolvConf(dns), { mode: 0o644 });
  return path;
}
