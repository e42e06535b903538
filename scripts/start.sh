#!/usr/bin/env bash
# The README's first command (npm start): set up, then ingest examples/ into ./sitrep.db and print what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec node --import tsx src/cli/main.ts demo "$@"
