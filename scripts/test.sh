#!/usr/bin/env bash
# The README's test command (npm test): set up what the tests need on a fresh machine, then run them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
bash scripts/ensure-chromium.sh
exec node --import tsx --test --test-concurrency=2 test/*.test.ts
