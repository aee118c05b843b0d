#!/usr/bin/env bash
# `npm test`: everything CI checks, in order, stopping at the first failure.
#
#   1. dependencies      scripts/ensure-deps.sh (npm ci if needed; Debian packages as root)
#   2. typecheck         npx tsc --noEmit -p .
#   3. unit/integration  npx vitest run, inside the network sandbox (scripts/sandbox.sh)
#   4. simulator smoke   npm run sim -- --smoke, inside the sandbox
#   5. benchmark smoke   bench:raft, bench:failover, bench:kv, bench:api, bench:scheduler, bench:heal, bench:podstart, bench:proxy, briefly, sandboxed
#   6. chaos smoke       scripts/chaos-smoke.sh: every fault type once (no anomaly), broken modes caught
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
mkdir -p .tmp
bash scripts/sandbox.sh npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@"
done_step

# ---- simulator smoke ------------------------------------------------------------------------
# Deterministic Raft simulation: 500 seeds of 3 peers and of 5 peers must hold, and each
# planted protocol bug must be caught within 2000 seeds (in-process; sandboxed anyway).
step "simulator smoke"
bash scripts/sandbox.sh npm run --silent sim -- --smoke
done_step

# ---- benchmark smoke ------------------------------------------------------------------------
# The benchmarks are their own commands (npm run bench:raft / bench:failover / bench:kv / bench:api / bench:scheduler / bench:heal / bench:podstart / bench:proxy); here each runs
# briefly, against shoal and real etcd, to prove it still works end to end. The figures it
# prints are not checked: speed is measured by the full runs, never asserted in tests.
step "benchmark smoke"
bash scripts/sandbox.sh npx tsx bench/raft-throughput.ts --seconds 1 --concurrency 1,16
bash scripts/sandbox.sh npx tsx bench/raft-failover.ts --kills 2
bash scripts/sandbox.sh npx tsx bench/kv.ts --seconds 1 --clients 16 --keys 500 --watchers 16 --conns 2
bash scripts/sandbox.sh npx tsx bench/api.ts --seconds 1 --clients 16 --watchers 4 --conns 1 --list-size 200
bash scripts/sandbox.sh npx tsx bench/scheduler.ts --smoke
bash scripts/sandbox.sh npx tsx bench/heal.ts --runs 1 --nodes 3 --pods-per-node 10
bash scripts/sandbox.sh npx tsx bench/heal.ts --real --runs 1 --nodes 2 --pods-per-host 3
bash scripts/sandbox.sh npx tsx bench/podstart.ts --runtime process --pods 6
bash scripts/sandbox.sh npx tsx bench/proxy.ts --smoke
done_step

# ---- chaos smoke ----------------------------------------------------------------------------
# npm run chaos is its own command (long runs, reports); here: one round of every fault type on
# a healthy cluster (zero anomalies), and the self-test that broken components are caught.
step "chaos smoke"
bash scripts/sandbox.sh bash scripts/chaos-smoke.sh
done_step

# A closing line in the plain form CI reads (the vitest counts; the smokes passed or we stopped).
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest.json", "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
'
