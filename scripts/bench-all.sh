#!/usr/bin/env bash
# npm run bench: every benchmark that exists, one after the other; each prints its JSON line last.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
for name in speed time entities labels quotes figures events geo stories api scale; do
  [ -f "bench/$name.ts" ] || continue
  echo "== bench:$name"
  npm run --silent "bench:$name" || { echo "bench:$name failed"; status=1; }
done
exit $status
