#!/usr/bin/env bash
# Make sure everything shoal's tests and `npm start` need is present. Idempotent, and fast
# (well under a second) when nothing is missing.
#
#   scripts/ensure-deps.sh [--npm-only | --apt-only] [--quiet]
#
#   (a) npm: `npm ci --no-audit --no-fund` when node_modules is missing or older than
#       package-lock.json.
#   (b) Debian packages (see SHOAL_APT_PACKAGES below): as root, installs whatever is missing
#       (one `apt-get update` first, only then). Service start-up during installation is
#       blocked with a policy-rc.d that exits 101, so docker.io/containerd never try to start
#       daemons (which can hang without an init system). Not root: prints what is missing and
#       carries on (tests needing those tools skip themselves).
#
# Environment:
#   SHOAL_APT_PACKAGES  space-separated override of the package list
#   SHOAL_SKIP_APT=1    skip (b) entirely
#   SHOAL_SKIP_NPM=1    skip (a) entirely
#
# Usable from other scripts (scripts/test.sh, scripts/start.sh): run it with bash; it does not
# need to be sourced and changes nothing in the caller's environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DO_NPM=1
DO_APT=1
QUIET=0
for arg in "$@"; do
  case "$arg" in
    --npm-only) DO_APT=0 ;;
    --apt-only) DO_NPM=0 ;;
    --quiet|-q) QUIET=1 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "ensure-deps: unknown argument: $arg" >&2; exit 2 ;;
  esac
done
[[ "${SHOAL_SKIP_APT:-0}" == 1 ]] && DO_APT=0
[[ "${SHOAL_SKIP_NPM:-0}" == 1 ]] && DO_NPM=0

say() { [[ $QUIET == 1 ]] || echo "ensure-deps: $*"; }
warn() { echo "ensure-deps: WARNING: $*" >&2; }

# Debian packages later work needs (see ARCHITECTURE.md, "Real components and how they start").
# iproute2 gives `ip`, util-linux (essential, always present) gives `nsenter`.
read -r -a APT_PACKAGES <<<"${SHOAL_APT_PACKAGES:-docker.io iptables nftables iproute2 busybox-static etcd-server etcd-client wrk conntrack python3-minimal}"

# ---------------------------------------------------------------------------------------- npm
ensure_npm() {
  local reason=""
  if [[ ! -d node_modules ]]; then
    reason="node_modules is missing"
  elif [[ ! -f node_modules/.package-lock.json ]]; then
    reason="node_modules has no .package-lock.json (not installed by npm ci/install)"
  elif [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
    reason="package-lock.json is newer than node_modules"
  fi
  if [[ -z "$reason" ]]; then
    say "node_modules up to date"
    return 0
  fi
  say "$reason: npm ci"
  local t0=$SECONDS
  local out
  out="$(mktemp /tmp/shoal-npm-ci.XXXXXX)"
  if npm ci --no-audit --no-fund </dev/null >"$out" 2>&1; then
    grep -v 'Unknown user config' "$out" || true
  else
    if grep -q "package.json and package-lock.json or npm-shrinkwrap.json are in sync" "$out"; then
      # print the reason, not npm's usage text that follows it
      grep -E "npm error (code|.*in sync|Missing:)" "$out" >&2 || true
      # Seen with this repo's lock file: it lacks the other platforms' @rollup/rollup-* optional
      # packages (pruned when the lock was written), which `npm ci` rejects. Install from the
      # lock anyway, without rewriting it; the lock file should be regenerated
      # (rm -rf node_modules package-lock.json && npm install) to make this warning go away.
      warn "package-lock.json is out of sync with package.json (lines 'Missing: ...' above);"
      warn "falling back to 'npm install --no-save' (the lock file is left unchanged)."
      warn "fix: rm -rf node_modules package-lock.json && npm install, then commit package-lock.json"
      rm -f "$out"
      npm install --no-audit --no-fund --no-save </dev/null
    else
      cat "$out" >&2
      rm -f "$out"
      echo "ensure-deps: ERROR: npm ci failed" >&2
      return 1
    fi
  fi
  rm -f "$out"
  # npm ci may leave node_modules/.package-lock.json with an mtime a hair older than the lock
  # file on a fast disk; touch it so the next run is a no-op.
  if [[ -f node_modules/.package-lock.json ]]; then touch node_modules/.package-lock.json; fi
  say "npm dependencies installed in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------------------------------- apt
missing_packages() {
  # One dpkg-query call for all packages; a package counts as present only when fully installed
  # ("install ok installed"), not when merely known or left with config files.
  local status
  status="$(dpkg-query -W -f='${Package} ${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null || true)"
  local p
  for p in "${APT_PACKAGES[@]}"; do
    grep -qx "$p install ok installed" <<<"$status" || echo "$p"
  done
}

ensure_apt() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    warn "no dpkg-query: not a Debian system; make sure these are installed: ${APT_PACKAGES[*]}"
    return 0
  fi
  local missing
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    say "Debian packages present (${APT_PACKAGES[*]})"
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    warn "not root: cannot install missing Debian packages: ${missing[*]}"
    warn "install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}"
    warn "continuing; tests that need them will skip or fail."
    return 0
  fi

  say "installing missing Debian packages: ${missing[*]}"
  local t0=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  local apt_opts=(-o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

  # Block service start-up during installation (invoke-rc.d honours exit 101 = "action
  # forbidden"); only add our own policy-rc.d if there is none, and remove only ours.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# added by shoal scripts/ensure-deps.sh during apt-get install\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    created_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi

  apt-get "${apt_opts[@]}" update -qq
  apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}" </dev/null

  if [[ $created_policy == 1 ]]; then
    rm -f "$policy"
    trap - EXIT
  fi

  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -ne 0 ]]; then
    echo "ensure-deps: ERROR: still missing after apt-get install: ${missing[*]}" >&2
    return 1
  fi
  say "Debian packages installed in $((SECONDS - t0))s"
}

# (plain `if`s, not `&&` lists: errexit is suspended inside functions called from `&&`)
if [[ $DO_NPM == 1 ]]; then ensure_npm; fi
if [[ $DO_APT == 1 ]]; then ensure_apt; fi
exit 0
