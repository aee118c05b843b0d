#!/usr/bin/env bash
# `npm test`: everything CI checks, in order, stopping at the first failure.
#
#   1. dependencies      scripts/ensure-deps.sh (npm ci if needed; Debian packages as root)
#   2. typecheck         npx tsc --noEmit -p .
#   3. unit/integration  npx vitest run, inside the network sandbox (scripts/sandbox.sh)
#   4. simulator smoke   npm run sim -- --smoke (or --seeds 500 while the CLI has no --smoke
#                        preset), inside the sandbox; skipped until src/raft/sim/cli.ts exists
#
# Extra arguments go to vitest (e.g. `npm test -- test/raft`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

T_START=$SECONDS
STEP_T0=$SECONDS
SUMMARY=()
CURRENT=""

step() {
  CURRENT="$1"
  STEP_T0=$SECONDS
  echo
  echo "=== [$(date +%H:%M:%S)] $1"
}
done_step() {
  local dt=$((SECONDS - STEP_T0))
  SUMMARY+=("$(printf '  %-22s %4ss  %s' "$CURRENT" "$dt" "${1:-ok}")")
  echo "=== $CURRENT: ${1:-ok} (${dt}s)"
}
on_exit() {
  local rc=$?
  echo
  echo "=== summary"
  local line
  for line in "${SUMMARY[@]}"; do echo "$line"; done
  if [[ $rc -ne 0 ]]; then
    printf '  %-22s %4ss  FAILED (exit %s)\n' "$CURRENT" "$((SECONDS - STEP_T0))" "$rc"
    echo "=== npm test FAILED after $((SECONDS - T_START))s"
  else
    echo "=== npm test passed in $((SECONDS - T_START))s"
  fi
}
trap on_exit EXIT

step "dependencies"
bash scripts/ensure-deps.sh
done_step

step "typecheck"
npx tsc --noEmit -p .
done_step

step "vitest (sandboxed)"
bash scripts/sandbox.sh npx vitest run "$@"
done_step

# ---- simulator smoke ------------------------------------------------------------------------
# Deterministic Raft simulation over many seeds (in-process, no sockets; sandboxed anyway).
# Runs only once the simulator exists, so this script does not break before it lands. Uses the
# simulator's own `--smoke` preset when its CLI has one, else `--seeds $SHOAL_SIM_SEEDS` (500).
step "simulator smoke"
if [[ -f src/raft/sim/cli.ts ]]; then
  if grep -q "smoke" src/raft/sim/cli.ts; then
    bash scripts/sandbox.sh npm run --silent sim -- --smoke
  else
    bash scripts/sandbox.sh npm run --silent sim -- --seeds "${SHOAL_SIM_SEEDS:-500}" --quiet
  fi
  done_step
else
  echo "src/raft/sim/cli.ts not present yet: skipped"
  done_step "skipped (no src/raft/sim/cli.ts)"
fi
