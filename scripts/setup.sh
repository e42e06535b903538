#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than the lockfile. Sourced by start.sh and test.sh.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi
