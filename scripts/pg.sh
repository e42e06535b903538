#!/usr/bin/env bash
# A private PostgreSQL server for the tests: installs Debian's postgresql when missing (as root), starts a cluster in
# .pg/ on 127.0.0.1:${SITREP_PG_PORT:-54329} only, and prints its URL. `scripts/pg.sh stop` stops it.
# Never fatal: when PostgreSQL cannot be had, it prints nothing and the PostgreSQL tests skip, saying why.
set -u
cd "$(dirname "$0")/.."
PORT=${SITREP_PG_PORT:-54329}
DIR="${SITREP_PG_DIR:-$PWD/.pg}"
find_bin() {
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && { echo "$d"; return; }; done
  command -v pg_ctl >/dev/null 2>&1 && dirname "$(command -v pg_ctl)"
}
BIN=$(find_bin)
if [ -z "$BIN" ] && [ "$(id -u)" = 0 ]; then
  echo "installing Debian's postgresql for the store tests…" >&2
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql) >&2 || true
  BIN=$(find_bin)
fi
[ -n "$BIN" ] || { echo "PostgreSQL is not installed: PostgreSQL tests will skip" >&2; exit 0; }
# The server refuses to run as root: run it as the postgres user (or nobody) when we are root.
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  USER_NAME=postgres; id postgres >/dev/null 2>&1 || USER_NAME=nobody
  RUNAS=(runuser -u "$USER_NAME" --)
fi
if [ "${1:-}" = stop ]; then
  # Stops the server only if this script started it.
  [ -f "$DIR/started" ] && "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1
  rm -f "$DIR/started"
  exit 0
fi
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  mkdir -p "$DIR" && chmod 777 "$DIR"
  "${RUNAS[@]}" "$BIN/initdb" -D "$DIR/data" -U sitrep --auth=trust -E UTF8 >/dev/null 2>&1 || { echo "initdb failed: PostgreSQL tests will skip" >&2; exit 0; }
fi
if ! "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=100" start >/dev/null 2>&1 \
    || { echo "PostgreSQL did not start (see $DIR/log): PostgreSQL tests will skip" >&2; exit 0; }
  touch "$DIR/started"
fi
echo "postgres://sitrep@127.0.0.1:$PORT/postgres"
