#!/usr/bin/env bash
# The chaos harness's smoke, as `npm test` runs it (inside the sandbox):
#
#   1. one round of every fault type (3 masters, 2 agents): must end with zero anomalies;
#   2. the harness's self-test: the same checks must FAIL against components broken on purpose
#      - masters serving linearizable reads without ReadIndex -> not-linearizable
#      - an agent that hides dead containers               -> not-recovered
#
# Each run writes its report under .tmp/chaos/smoke-*/ (report.txt, report.json, report.svg).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CHAOS=(npx tsx chaos/cli.ts)

fail() { echo "chaos smoke: FAILED: $*" >&2; exit 1; }

# Which anomaly kinds a report holds (one per line).
kinds() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));for(const a of (r.run??r).anomalies)console.log(a.kind)' "$1"; }

echo "--- chaos smoke 1/3: every fault type once (must find nothing)"
"${CHAOS[@]}" --rounds 1 --seed 1 --masters 3 --agents 2 --out .tmp/chaos/smoke-all \
  || fail "anomalies in a healthy cluster (see .tmp/chaos/smoke-all/report.txt)"

echo "--- chaos smoke 2/3: masters with --unsafe-break=stale-reads (must be caught)"
"${CHAOS[@]}" --rounds 1 --seed 2 --masters 3 --agents 0 --faults partition-leader,pause-master --break stale-reads --out .tmp/chaos/smoke-stale
[[ $? -eq 1 ]] || fail "the stale-reads run did not exit 1"
kinds .tmp/chaos/smoke-stale/report.json | grep -qx not-linearizable || fail "stale reads were not flagged as not-linearizable"

echo "--- chaos smoke 3/3: an agent with --unsafe-break=hide-dead-containers (must be caught)"
"${CHAOS[@]}" --rounds 1 --seed 3 --masters 3 --agents 1 --replicas 2 --faults kill-container --recovery-timeout 8 --break hide-dead-containers --out .tmp/chaos/smoke-hide
[[ $? -eq 1 ]] || fail "the hide-dead-containers run did not exit 1"
kinds .tmp/chaos/smoke-hide/report.json | grep -qx not-recovered || fail "a hidden dead container was not flagged as not-recovered"
echo "chaos smoke: ok (a healthy cluster passed; both broken ones were caught)"
