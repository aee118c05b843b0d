#!/usr/bin/env bash
# Run a command inside a network sandbox: a network namespace with only loopback up and no
# route at all, so anything that tries to leave the machine fails with "Network is unreachable"
# (ARCHITECTURE.md, "Network safety"). Loopback is private to the namespace.
#
#   scripts/sandbox.sh [--name NAME] [--keep] [--] CMD [ARGS...]
#
#   --name NAME   use this namespace name (default: shoal-sbx-<pid of this script>, so that
#                 concurrent runs never share one). If it already exists it is reused (after
#                 checking it has no route) and left in place on exit.
#   --keep        do not delete the namespace on exit (also: SHOAL_SANDBOX_KEEP=1)
#
# The command runs with `nsenter --net=/var/run/netns/NAME` (not `ip netns exec`, which
# remounts /sys and hides the cgroup mounts dockerd needs) and with SHOAL_SANDBOX=NAME exported,
# so tests know they are inside. Already inside a sandbox (SHOAL_SANDBOX set and we are in that
# namespace)? The command just runs.
#
# Not root (cannot create namespaces): prints a loud warning and runs the command WITHOUT a
# sandbox and with SHOAL_SANDBOX unset; tests that need non-loopback networking must then skip.
#
# On exit, a namespace this script created is deleted; processes still running in it (say a
# dockerd a test forgot to stop) are sent SIGTERM, then SIGKILL. Stale shoal-sbx-<pid>
# namespaces left by runs that died are removed when their pid is gone and nothing runs in them.
set -euo pipefail

NAME="${SHOAL_SANDBOX_NAME:-}"
KEEP="${SHOAL_SANDBOX_KEEP:-0}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) NAME="$2"; shift 2 ;;
    --name=*) NAME="${1#--name=}"; shift ;;
    --keep) KEEP=1; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) break ;;
  esac
done
if [[ $# -eq 0 ]]; then
  echo "usage: scripts/sandbox.sh [--name NAME] [--keep] [--] CMD [ARGS...]" >&2
  exit 2
fi

log() { echo "sandbox: $*" >&2; }

loud_warning() {
  {
    echo "################################################################################"
    echo "# sandbox: WARNING: $*"
    echo "# sandbox: running WITHOUT a network sandbox; SHOAL_SANDBOX is unset, so tests"
    echo "# sandbox: that need non-loopback networking will skip themselves."
    echo "################################################################################"
  } >&2
}

# Already inside the sandbox? (same network namespace inode as the named one)
if [[ -n "${SHOAL_SANDBOX:-}" && -e "/var/run/netns/$SHOAL_SANDBOX" ]]; then
  if [[ "$(stat -L -c %i /proc/self/ns/net)" == "$(stat -L -c %i "/var/run/netns/$SHOAL_SANDBOX")" ]]; then
    exec "$@"
  fi
fi

if [[ $(id -u) -ne 0 ]]; then
  unset SHOAL_SANDBOX
  loud_warning "not root: cannot create a network namespace."
  exec "$@"
fi

# Remove namespaces of earlier runs that died without cleaning up: shoal-sbx-<pid>, pid gone,
# no process inside.
if [[ -d /var/run/netns ]]; then
  for ns in /var/run/netns/shoal-sbx-*; do
    [[ -e "$ns" ]] || continue
    ns="${ns##*/}"
    pid="${ns#shoal-sbx-}"
    [[ "$pid" =~ ^[0-9]+$ ]] || continue
    kill -0 "$pid" 2>/dev/null && continue
    [[ -z "$(ip netns pids "$ns" 2>/dev/null)" ]] || continue
    ip netns delete "$ns" 2>/dev/null && log "removed stale namespace $ns" || true
  done
fi

CREATED=0
if [[ -z "$NAME" ]]; then
  NAME="shoal-sbx-$$"
fi
if [[ -e "/var/run/netns/$NAME" ]]; then
  log "reusing existing namespace $NAME"
else
  if ! ip netns add "$NAME" 2>/tmp/shoal-sandbox-err.$$; then
    err="$(cat /tmp/shoal-sandbox-err.$$)"; rm -f /tmp/shoal-sandbox-err.$$
    unset SHOAL_SANDBOX
    loud_warning "ip netns add $NAME failed: $err"
    exec "$@"
  fi
  rm -f /tmp/shoal-sandbox-err.$$
  CREATED=1
fi

cleanup() {
  local rc=$?
  if [[ $CREATED == 1 && $KEEP != 1 ]]; then
    local pids
    pids="$(ip netns pids "$NAME" 2>/dev/null | tr '\n' ' ')"
    if [[ -n "${pids// /}" ]]; then
      log "killing processes left in $NAME: $pids"
      # shellcheck disable=SC2086
      kill -TERM $pids 2>/dev/null || true
      for _ in $(seq 1 50); do
        [[ -z "$(ip netns pids "$NAME" 2>/dev/null)" ]] && break
        sleep 0.1
      done
      pids="$(ip netns pids "$NAME" 2>/dev/null | tr '\n' ' ')"
      # shellcheck disable=SC2086
      [[ -z "${pids// /}" ]] || kill -KILL $pids 2>/dev/null || true
    fi
    ip netns delete "$NAME" 2>/dev/null || log "could not delete namespace $NAME"
  elif [[ $CREATED == 1 ]]; then
    log "keeping namespace $NAME (delete with: ip netns delete $NAME)"
  fi
  exit "$rc"
}
trap cleanup EXIT

ip -n "$NAME" link set lo up
# The whole point: no route out. A fresh namespace has none; a reused one must not either.
routes="$(ip -n "$NAME" route show; ip -n "$NAME" -6 route show | grep -v '^\(::1\|fe80:\)' || true)"
if [[ -n "$routes" ]]; then
  log "ERROR: namespace $NAME has routes, refusing to use it as a sandbox:"
  echo "$routes" >&2
  exit 1
fi
links="$(ip -n "$NAME" -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')"
log "namespace $NAME: links [${links% }], no routes"

export SHOAL_SANDBOX="$NAME"

# Run in the background with stdin passed explicitly (a non-interactive shell would otherwise
# give a background job /dev/null), so that TERM/INT/HUP sent to this script can be forwarded
# and the trap still cleans up.
child=0
forward() { [[ $child -ne 0 ]] && kill "-$1" "$child" 2>/dev/null || true; }
trap 'forward TERM' TERM
trap 'forward INT' INT
trap 'forward HUP' HUP
nsenter --net="/var/run/netns/$NAME" -- "$@" <&0 &
child=$!
rc=0
while :; do
  wait "$child" && rc=0 || rc=$?
  # wait returns >128 when interrupted by a trapped signal; keep waiting while the child lives
  kill -0 "$child" 2>/dev/null || break
done
exit "$rc"
