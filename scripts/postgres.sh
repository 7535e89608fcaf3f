#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL cluster for the tests, on loopback, owned by whoever
# may run it (initdb refuses root, so as root it runs as the 'postgres' user). Writes are not
# flushed to disk unless LANYARD_TEST_PG_FSYNC=on, as benchmarks ask for.
start_test_postgres() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  PG_TEST_DIR="$(mktemp -d -t lanyard-pg.XXXXXX)"
  PG_TEST_PORT="${LANYARD_TEST_PG_PORT:-55432}"
  local fsync="${LANYARD_TEST_PG_FSYNC:-off}"

  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_TEST_DIR"
    as=(runuser -u postgres --)
  fi
  PG_TEST_AS=("${as[@]}")
  PG_TEST_BIN="$bin"

  "${as[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U lanyard --auth=trust -E UTF8 >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w \
    -o "-p $PG_TEST_PORT -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=$fsync -c max_connections=200" start >/dev/null

  export LANYARD_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_TEST_PORT;Username=lanyard;Database=postgres"
  echo "PostgreSQL for the tests is listening on 127.0.0.1:$PG_TEST_PORT" >&2
}

stop_test_postgres() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  "${PG_TEST_AS[@]}" "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
}
