#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests (Debian's postgresql package), prints its
# DATABASE_URL on stdout. Used by .ci/run; usable by hand: eval "$(scripts/test-postgres.sh)".
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$bin" ]]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
port=${PGPORT_FOR_TESTS:-54329}
dir=$(mktemp -d /tmp/portvakt-pg.XXXXXX)
chown postgres "$dir" 2>/dev/null || true
as_postgres() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
as_postgres "$bin/initdb -D $dir/data -U portvakt --auth=trust -E UTF8 >/dev/null"
as_postgres "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start >/dev/null"
as_postgres "$bin/createdb -h 127.0.0.1 -p $port -U portvakt portvakt_test"
echo "export DATABASE_URL=postgres://portvakt@127.0.0.1:$port/portvakt_test"
