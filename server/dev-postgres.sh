#!/usr/bin/env bash
# A throwaway PostgreSQL for the server's tests (and the benchmark), from Debian's packages:
#   server/dev-postgres.sh start [folder]   initialises (first time) and starts it, prints the
#                                            MPUNIT_TEST_POSTGRES_URL to export
#   server/dev-postgres.sh stop [folder]
# It has its own folder (default /tmp/mpunit-postgres) and port (55432, PGPORT overrides), trusts
# local connections and never touches the packaged cluster on 5432. As root it runs the server as
# the postgres user (initdb refuses root).
set -euo pipefail
command=${1:-}
folder=${2:-/tmp/mpunit-postgres}
port=${PGPORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "dev-postgres: PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2
  exit 2
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$command" in
  start)
    mkdir -p "$folder"
    [ "$(id -u)" = 0 ] && chown postgres "$folder"
    if [ ! -f "$folder/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$folder/data" -U mpunit --auth=trust -E UTF8 --no-locale >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$folder/data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/log" -w \
        -o "-p $port -k $folder -c listen_addresses=127.0.0.1" start >/dev/null
    fi
    psql -h 127.0.0.1 -p "$port" -U mpunit -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'mpunit_test'" \
      | grep -q 1 || psql -h 127.0.0.1 -p "$port" -U mpunit -d postgres -qc "CREATE DATABASE mpunit_test"
    echo "export MPUNIT_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$port/mpunit_test?user=mpunit'"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$folder/data" -m fast stop
    ;;
  *)
    echo "usage: $0 start|stop [folder]" >&2
    exit 2
    ;;
esac
