# Sourced by .ci/run: starts a throwaway PostgreSQL cluster for the server's
# tests and sets OUTPOST_TEST_DATABASE_URL, or prints why it cannot and leaves
# it unset (the tests then run on PGlite only). Stopped by stop_test_postgres.

start_test_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "Installing Debian's PostgreSQL for the server tests"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null; }; then
      echo "SKIP PostgreSQL server tests: apt-get install postgresql failed"
      return 0
    fi
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  # initdb refuses root: run the cluster as the postgres user then.
  local as=()
  if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "SKIP PostgreSQL server tests: running as root and no postgres user to run the cluster"
      return 0
    fi
    as=(runuser -u postgres --)
  fi
  PG_TEST_DIR=$(mktemp -d /tmp/outpost-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_TEST_DIR"
  local port=$((20000 + RANDOM % 20000))
  if ! "${as[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U outpost --auth=trust >"$PG_TEST_DIR/initdb.log" 2>&1; then
    echo "SKIP PostgreSQL server tests: initdb failed ($(tail -1 "$PG_TEST_DIR/initdb.log"))"
    return 0
  fi
  if ! "${as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w \
    -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
    echo "SKIP PostgreSQL server tests: the cluster did not start ($(tail -1 "$PG_TEST_DIR/server.log"))"
    return 0
  fi
  PG_TEST_BIN=$bin
  PG_TEST_AS=("${as[@]}")
  export OUTPOST_TEST_DATABASE_URL="postgres://outpost@127.0.0.1:$port/postgres"
  echo "PostgreSQL for the server tests at $OUTPOST_TEST_DATABASE_URL"
}

stop_test_postgres() {
  if [ -n "${PG_TEST_BIN:-}" ]; then
    "${PG_TEST_AS[@]}" "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast stop >/dev/null || true
    rm -rf "$PG_TEST_DIR"
  fi
}
