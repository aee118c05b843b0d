#!/usr/bin/env bash
# `npm start`: a local group of masters (shoal up). Extra arguments go to `shoal up`,
# e.g. `npm start -- --masters 5 --fresh`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/ensure-deps.sh
exec node bin/shoal.js up "$@"
