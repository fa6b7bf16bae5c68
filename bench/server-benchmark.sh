#!/usr/bin/env bash
# The results server on a generated year of nightly campaigns from two testbeds (10 million results
# and more), on the embedded database and PostgreSQL side by side: ingest rate, one 25,000-result
# campaign pushed through HTTP, and p50/p95 of the reads a maintainer makes. Prints figures.
#
#   bench/server-benchmark.sh [--nights 365] [--tests 900] [--requests 200] [--databases h2,postgresql]
#
# PostgreSQL: MPUNIT_BENCH_POSTGRES_URL (default: the throwaway cluster of server/dev-postgres.sh,
# started if needed). The work folder (default /tmp/mpunit-server-benchmark) holds the H2 file; it
# needs about 3 GB for a year.
set -euo pipefail
. "$(dirname "$0")/args.sh"
bench_help "$@"
here=$bench_root
cd "$here"
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
# One build: the reactor resolves the contract module to its classes only within it.
mvn -q -B -o -pl server -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file" >&2
if [ -z "${MPUNIT_BENCH_POSTGRES_URL:-}" ] && [[ " $* " != *" --databases h2 "* ]]; then
  eval "$(server/dev-postgres.sh start | sed 's/MPUNIT_TEST_POSTGRES_URL/MPUNIT_BENCH_POSTGRES_URL/')"
fi
export MPUNIT_BENCH_POSTGRES_URL=${MPUNIT_BENCH_POSTGRES_URL:-}
exec java -Xmx4g -cp "server/target/test-classes:server/target/classes:contract/target/classes:$(cat "$classpath_file")" \
  dev.mpunit.server.bench.ResultsServerBenchmark "$@"
