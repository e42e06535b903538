#!/usr/bin/env bash
# The README's first command (npm start): set up, ingest examples/ into ./sitrep.db, print what was found, serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec node --import tsx src/cli/main.ts demo --serve "$@"
