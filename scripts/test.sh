#!/usr/bin/env bash
# The README's test command (npm test): set up what the tests need on a fresh machine, then run them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
bash scripts/ensure-chromium.sh
# A private PostgreSQL on 127.0.0.1 for the store tests that run on both engines; stopped again at the end.
SITREP_PG_URL=${SITREP_PG_URL:-$(bash scripts/pg.sh)}
export SITREP_PG_URL
trap 'bash scripts/pg.sh stop' EXIT
node --import tsx --test --test-concurrency=2 test/*.test.ts
