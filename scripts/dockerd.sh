#!/usr/bin/env bash
# A private Docker engine for shoal's tests, living inside a network sandbox.
#
#   scripts/dockerd.sh start  [--netns NAME]   start dockerd, wait until it answers (<= 30 s)
#   scripts/dockerd.sh stop                    stop it (TERM, then KILL after 20 s)
#   scripts/dockerd.sh status                  exit 0 if it answers, print the socket
#   scripts/dockerd.sh import-busybox [--force]
#                                              build a rootfs from Debian's busybox-static
#                                              (/bin/busybox + one symlink per applet) and
#                                              `docker import` it as busybox:shoal
#   scripts/dockerd.sh env                     print SHOAL_DOCKER_HOST=unix://... for eval
#
# Network namespace for `start`: --netns NAME (or SHOAL_DOCKERD_NETNS) joins
# /var/run/netns/NAME with `nsenter --net=` (NOT `ip netns exec`: it remounts /sys and hides
# the cgroup mounts dockerd needs). Without it, the current namespace is used, but only when
# we are inside a sandbox (SHOAL_SANDBOX set, see scripts/sandbox.sh); dockerd is never started
# in the host's namespace.
#
# The engine is separate from any system Docker: its own socket, data root, exec root (and so
# its own managed containerd), pid file. It runs with --bridge none --iptables=false
# --ip6tables=false: it touches no host network configuration; containers get --network none
# or networks that shoal itself sets up.
#
# Environment (defaults in brackets):
#   SHOAL_DOCKER_NAME   [shoal-docker] base name of every path below, so that two engines can
#                       run side by side (e.g. per test run)
#   socket   /run/$NAME.sock      data root  /var/lib/$NAME     exec root  /run/$NAME
#   pid file /run/$NAME.pid       log        /var/log/$NAME.log
#   SHOAL_DOCKER_CLI    [/usr/bin/docker from docker.io, else `docker` on PATH]
set -euo pipefail

NAME="${SHOAL_DOCKER_NAME:-shoal-docker}"
SOCK="/run/$NAME.sock"
DATA_ROOT="/var/lib/$NAME"
EXEC_ROOT="/run/$NAME"
PIDFILE="/run/$NAME.pid"
LOG="/var/log/$NAME.log"
HOST="unix://$SOCK"
if [[ -n "${SHOAL_DOCKER_CLI:-}" ]]; then
  CLI="$SHOAL_DOCKER_CLI"
elif [[ -x /usr/bin/docker ]]; then
  CLI=/usr/bin/docker # the client matching docker.io's engine
else
  CLI=docker
fi
IMAGE="busybox:shoal"

log() { echo "dockerd.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
docker_() { "$CLI" -H "$HOST" "$@"; }
answers() { [[ -S "$SOCK" ]] && docker_ version --format '{{.Server.Version}}' >/dev/null 2>&1; }
running_pid() {
  local pid
  [[ -f "$PIDFILE" ]] || return 1
  pid="$(cat "$PIDFILE" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

cmd_start() {
  local netns="${SHOAL_DOCKERD_NETNS:-}"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --netns) netns="$2"; shift 2 ;;
      --netns=*) netns="${1#--netns=}"; shift ;;
      *) die "start: unknown argument $1" ;;
    esac
  done
  [[ $(id -u) -eq 0 ]] || die "start: must be root"
  command -v dockerd >/dev/null || die "start: dockerd not found (run scripts/ensure-deps.sh)"
  if running_pid >/dev/null && answers; then
    log "already running (pid $(running_pid)), $HOST"
    echo "SHOAL_DOCKER_HOST=$HOST"
    return 0
  fi

  local enter=()
  if [[ -n "$netns" ]]; then
    [[ -e "/var/run/netns/$netns" ]] || die "start: no network namespace /var/run/netns/$netns"
    enter=(nsenter "--net=/var/run/netns/$netns" --)
  elif [[ -n "${SHOAL_SANDBOX:-}" ]]; then
    netns="$SHOAL_SANDBOX" # already inside it: run in the current namespace
  else
    die "start: refusing to start dockerd outside a sandbox; pass --netns NAME or run under scripts/sandbox.sh"
  fi

  mkdir -p "$DATA_ROOT" "$EXEC_ROOT" "$(dirname "$LOG")"
  rm -f "$SOCK" # stale socket of a dead engine
  log "starting dockerd in netns $netns, socket $SOCK, log $LOG"
  # setsid: its own session, so it outlives this script and a Ctrl-C at the terminal.
  setsid "${enter[@]}" dockerd \
    --host "$HOST" \
    --data-root "$DATA_ROOT" \
    --exec-root "$EXEC_ROOT" \
    --pidfile "$PIDFILE" \
    --bridge none \
    --iptables=false \
    --ip6tables=false \
    --ip-masq=false \
    --userland-proxy=false \
    </dev/null >>"$LOG" 2>&1 &
  local launcher=$!
  local i
  for i in $(seq 1 60); do
    if answers; then
      log "up after ~$((i / 2))s: $(docker_ version --format 'engine {{.Server.Version}}, API {{.Server.APIVersion}}')"
      echo "SHOAL_DOCKER_HOST=$HOST"
      return 0
    fi
    if ! kill -0 "$launcher" 2>/dev/null; then
      log "dockerd exited; last lines of $LOG:"
      tail -n 20 "$LOG" >&2
      exit 1
    fi
    sleep 0.5
  done
  log "dockerd did not answer within 30 s; last lines of $LOG:"
  tail -n 20 "$LOG" >&2
  exit 1
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running"
    rm -f "$PIDFILE"
    return 0
  fi
  log "stopping dockerd (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after 20 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    # its managed containerd (and shims) are still running; they stop themselves when orphaned
    # only sometimes, so kill the one whose pid file lives under our exec root.
    local cpid
    cpid="$(cat "$EXEC_ROOT/containerd/containerd.pid" 2>/dev/null || true)"
    [[ "$cpid" =~ ^[0-9]+$ ]] && kill -KILL "$cpid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE" "$SOCK"
  log "stopped"
}

cmd_status() {
  if answers; then
    echo "running: $HOST (pid $(running_pid || echo '?'))"
  else
    echo "not running ($HOST)"
    return 1
  fi
}

cmd_import_busybox() {
  local force=0
  [[ "${1:-}" == "--force" ]] && force=1
  answers || die "import-busybox: no engine answers on $HOST (scripts/dockerd.sh start first)"
  if [[ $force == 0 ]] && docker_ image inspect "$IMAGE" >/dev/null 2>&1; then
    log "$IMAGE already present"
    return 0
  fi
  local bb
  bb="$(command -v busybox || true)"
  [[ -n "$bb" ]] || die "import-busybox: busybox not found (Debian package busybox-static)"
  # Debian's busybox-static is a static binary; a dynamic one (package busybox) would not run
  # in an empty rootfs.
  if command -v file >/dev/null && ! file -L "$bb" | grep -q 'statically linked'; then
    die "import-busybox: $bb is not statically linked (install busybox-static)"
  fi
  local tmp
  tmp="$(mktemp -d /tmp/shoal-busybox-rootfs.XXXXXX)"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" RETURN
  local r="$tmp/rootfs"
  mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,proc,sys,dev,root,var/run,home}
  chmod 1777 "$r/tmp"
  cp "$bb" "$r/bin/busybox"
  chmod 755 "$r/bin/busybox"
  local applet n=0
  while IFS= read -r applet; do
    # e.g. bin/sh, usr/bin/env; skip /linuxrc and anything already there
    [[ "$applet" == */* ]] || continue
    [[ -e "$r/$applet" || -L "$r/$applet" ]] && continue
    mkdir -p "$r/$(dirname "$applet")"
    ln -s /bin/busybox "$r/$applet"
    n=$((n + 1))
  done < <("$bb" --list-full)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$r/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"$r/etc/hosts"
  local version
  version="$(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || echo unknown)"
  tar --numeric-owner --owner=0 --group=0 -C "$r" -cf "$tmp/rootfs.tar" .
  docker_ import \
    --change 'CMD ["/bin/sh"]' \
    --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "LABEL io.shoal.source=busybox-static io.shoal.busybox-version=$version" \
    --message "shoal: busybox-static $version, $n applets" \
    "$tmp/rootfs.tar" "$IMAGE" >/dev/null
  log "imported $IMAGE (busybox-static $version, $n applet links, $(du -h "$tmp/rootfs.tar" | cut -f1))"
}

sub="${1:-}"
[[ $# -gt 0 ]] && shift
case "$sub" in
  start) cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  import-busybox) cmd_import_busybox "$@" ;;
  env) echo "SHOAL_DOCKER_HOST=$HOST" ;;
  *) sed -n '2,30p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
esac
