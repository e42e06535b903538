#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than the lockfile. Sourced by start.sh and test.sh.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi
# The places gazetteer (GeoNames, from the npm packages; data/generated is not committed). load.ts would
# build it on first use too; building it here once keeps parallel test files from each building it.
if [ ! -f data/generated/gazetteer.txt ]; then
  node --import tsx scripts/build-gazetteer.ts >&2
fi
