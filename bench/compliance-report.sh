#!/usr/bin/env bash
# Time to compute the whole compliance report (docs/benchmarks/compliance.md) on PostgreSQL with
# 10,000 patients, 100,000 visits and 10,000,000 audit entries, divided by DIVISOR (default 1: the
# full size; 20 for a 1/20 run), RUNS fresh computations (default 3). bench/ComplianceBench.java
# seeds patients and visits with SQL and the audit entries through the real audit trail, then times
# the report in the server's process. Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust).
# Usage: bench/compliance-report.sh [DIVISOR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
DIVISOR="${1:-1}"
RUNS="${2:-3}"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -Dsecurevisit.aot.skip compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=runtime >/dev/null
rm -rf target/bench-classes && cp -r target/classes target/bench-classes # rebuilding during a run cannot disturb it
db="sv_bench_compliance_$$"
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db"
trap 'psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
"$JAVA_HOME/bin/java" -Xmx2g -cp "target/bench-classes:$(cat target/bench.cp)" bench/ComplianceBench.java \
  "jdbc:postgresql://127.0.0.1:5432/$db" $((10000 / DIVISOR)) $((100000 / DIVISOR)) $((10000000 / DIVISOR)) "$RUNS"
