#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the test suite, from Debian's packages.
# Prints the URL to use (export it as CABLEGRAM_TEST_POSTGRES). Idempotent.
set -euo pipefail
PORT="${PGPORT_TEST:-54329}"
DATA="${PGDATA_TEST:-/tmp/cablegram-pg}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if ! run "$BIN/pg_isready -q -h 127.0.0.1 -p $PORT" 2>/dev/null; then
    if [ ! -s "$DATA/PG_VERSION" ]; then
        mkdir -p "$DATA"
        [ "$(id -u)" = 0 ] && chown postgres "$DATA"
        run "$BIN/initdb -D $DATA -A trust -U postgres" >/dev/null
    fi
    run "$BIN/pg_ctl -D $DATA -l $DATA/server.log -w -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start" >&2
fi
run "$BIN/psql -q -h 127.0.0.1 -p $PORT -U postgres -tc \"SELECT 1 FROM pg_database WHERE datname = 'cablegram_test'\"" | grep -q 1 \
    || run "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres cablegram_test"
echo "postgresql://postgres@127.0.0.1:$PORT/cablegram_test"
