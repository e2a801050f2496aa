#!/usr/bin/env bash
# Audit trail benchmark (docs/benchmarks/audit.md). Needs a built tree (./mvnw -B -DskipTests package).
# Usage: bench/audit.sh [events] [callers] [rounds]            group commit on PostgreSQL (127.0.0.1:5432, user postgres)
#        bench/audit.sh journal [events] [rounds] [callers,...] the embedded H2 journal, forced and not forced
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=runtime >/dev/null
rm -rf target/bench-classes && cp -r target/classes target/bench-classes # rebuilding during a run cannot disturb it
if [ "${1:-}" = journal ]; then
  exec "$JAVA_HOME/bin/java" -Xmx2g ${AUDIT_BENCH_JVM_OPTS:-} -cp "target/bench-classes:$(cat target/bench.cp)" \
    bench/JournalBench.java "${2:-20000}" "${3:-3}" "${4:-1,8,64}"
fi
events="${1:-300000}"
callers="${2:-2048}"
rounds="${3:-3}"
db="securevisit_bench_$$"
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db"
trap 'psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
"$JAVA_HOME/bin/java" -Xmx4g ${AUDIT_BENCH_JVM_OPTS:-} -cp "target/bench-classes:$(cat target/bench.cp)" bench/AuditBench.java \
  "jdbc:postgresql://127.0.0.1:5432/$db" postgres "$events" "$callers" "$rounds"
