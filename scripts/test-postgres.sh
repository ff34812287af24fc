#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests (Debian's postgresql package) and prints, on
# stdout, the lines to evaluate: DATABASE_URL and PORTVAKT_TEST_PG_DIR (the cluster's folder).
# Stop it and remove its folder with: scripts/test-postgres.sh --stop "$PORTVAKT_TEST_PG_DIR".
# Used by .ci/run; by hand: eval "$(scripts/test-postgres.sh)". The port is PGPORT_FOR_TESTS, or
# the first free one from 54329. Exits non-zero, saying why on stderr, when anything fails.
set -euo pipefail

as_postgres() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bin" ]]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

if [[ "${1:-}" == "--stop" ]]; then
  dir=${2:?usage: scripts/test-postgres.sh --stop <dir>}
  [[ "$dir" == /tmp/portvakt-pg.* ]] || { echo "not a test cluster: $dir" >&2; exit 1; }
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_postgres "$bin/pg_ctl -D $dir/data -m fast -w stop >/dev/null"
  fi
  rm -rf "$dir"
  exit 0
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -n "${PGPORT_FOR_TESTS:-}" ]]; then
  port=$PGPORT_FOR_TESTS
  port_free "$port" || { echo "PGPORT_FOR_TESTS=$port is in use" >&2; exit 1; }
else
  port=54329
  while ! port_free "$port"; do
    port=$((port + 1))
    ((port < 54400)) || { echo "no free port in 54329-54399" >&2; exit 1; }
  done
fi

dir=$(mktemp -d /tmp/portvakt-pg.XXXXXX)
chmod 755 "$dir"
chown postgres "$dir" 2>/dev/null || true
fail() {
  echo "PostgreSQL for the tests did not start: $1" >&2
  if [[ -f "$dir/log" ]]; then tail -n 20 "$dir/log" >&2; fi
  "$0" --stop "$dir" || true
  exit 1
}
as_postgres "$bin/initdb -D $dir/data -U portvakt --auth=trust -E UTF8 >/dev/null" || fail "initdb failed"
as_postgres "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start >/dev/null" ||
  fail "pg_ctl start failed"
as_postgres "$bin/createdb -h 127.0.0.1 -p $port -U portvakt portvakt_test" || fail "createdb failed"
echo "export DATABASE_URL=postgres://portvakt@127.0.0.1:$port/portvakt_test"
echo "export PORTVAKT_TEST_PG_DIR=$dir"
