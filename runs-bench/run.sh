#!/usr/bin/env bash
# Runs the opsruns benchmarks and prints one table (also written to runs-bench/target/results-<db>.md).
#
#   runs-bench/run.sh [h2|postgres|all|sanitizer|fleet|batch|statistics]      default: all
#
# "sanitizer" runs only the sanitizer benchmark (no database; table in runs-bench/target/results-sanitizer.md).
# "batch" runs only the batch-start benchmark on PostgreSQL (table in runs-bench/target/results-batch.md).
# "statistics" runs only the statistics read on PostgreSQL (a tenant with 100,000 runs among a million; target
# p50 <= 50 ms, p99 <= 200 ms), then the new-key start without and with the statistics indexes (table in
# runs-bench/target/results-statistics.md).
# "fleet" runs only the end-to-end fleet benchmark: worker JVMs on PostgreSQL through db-scheduler, beside
# bare db-scheduler (table in runs-bench/target/results-fleet.md).
#
# Builds the benchmarks jar with Maven, starts the local PostgreSQL cluster if it is not running (for
# postgres and all), then runs dev.opsruns.bench.BenchMain. PostgreSQL: 127.0.0.1:5432, user postgres,
# trust auth; the database opsruns_bench is created if missing and its opsruns tables are dropped and
# recreated at the start of every run. H2: a file database under runs-bench/target/h2.
#
# Environment: OPSRUNS_MVN_ARGS (extra Maven arguments, e.g. -o), OPSRUNS_BENCH_JAVA_OPTS (extra JVM
# arguments for BenchMain, e.g. -Dopsruns.bench.postgres.seconds=5; see BenchMain's javadoc).
set -euo pipefail

db="${1:-all}"
case "$db" in
  h2|postgres|all|sanitizer|fleet|batch|statistics) ;;
  *) echo "usage: $0 [h2|postgres|all|sanitizer|fleet|batch|statistics]" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$(date +%s)

echo "building the benchmarks jar ..." >&2
# shellcheck disable=SC2086
mvn -B -q -Dmaven.test.skip=true -Pbench -pl runs-bench -am package ${OPSRUNS_MVN_ARGS:-}

if [ "$db" != h2 ] && [ "$db" != sanitizer ]; then
  if ! pg_isready -q -h 127.0.0.1; then
    echo "starting PostgreSQL ..." >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
    for _ in $(seq 1 30); do
      pg_isready -q -h 127.0.0.1 && break
      sleep 1
    done
    pg_isready -h 127.0.0.1 >&2
  fi
fi

# shellcheck disable=SC2086
java -Xms512m -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${OPSRUNS_BENCH_JAVA_OPTS:-} \
  -Dopsruns.bench.target="$root/runs-bench/target" \
  -jar runs-bench/target/opsruns-benchmarks.jar "$db"

elapsed=$(( $(date +%s) - started ))
printf 'run.sh %s: %d min %02d s wall time, build included\n' "$db" $((elapsed / 60)) $((elapsed % 60)) >&2
