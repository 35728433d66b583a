#!/usr/bin/env bash
# ./lega bench ingestion [MiB] [count] [KiB]: a whole local node (local-node's launcher, as the
# end-to-end tests start it: packaged services, embedded infrastructure unless LEGA_TEST_INFRA=real),
# one instance of each worker; prints the time from trigger to ready for one large file (default
# 1024 MiB) and the files per second for many small ones (default 200 of 100 KiB). BENCH_BACKUP=true also backs every file up; BENCH_ARCHIVE=posix
# puts the archive in a directory instead of S3; BENCH_PREFETCH=N sets lega.broker.prefetch;
# BENCH_JVM_OPTIONS adds options to every service JVM (e.g. -XX:StartFlightRecording=...).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# The reactor builds the services, the launcher (local-node) and the benchmark, and writes the
# benchmark's class path to e2e-tests/target/test-classpath.txt; nothing is installed.
"$ROOT/lega" mvn -q -pl e2e-tests -am package -DskipTests >&2
exec "$JAVA_HOME/bin/java" -Dbench.backup="${BENCH_BACKUP:-false}" -Dlega.e2e.archive="${BENCH_ARCHIVE:-s3}" \
  ${BENCH_PREFETCH:+-Dlega.e2e.prefetch=$BENCH_PREFETCH} ${BENCH_JVM_OPTIONS:+"-Dlega.e2e.jvm-options=$BENCH_JVM_OPTIONS"} \
  -cp "$ROOT/e2e-tests/target/test-classes:$(cat "$ROOT/e2e-tests/target/test-classpath.txt")" \
  io.lega.e2e.bench.IngestionBenchmark "$@"
