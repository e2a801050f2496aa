#!/usr/bin/env bash
# Recording upload and range reads (docs/benchmarks/records.md): openssl's AES-256-GCM on 1 MiB blocks
# (one core), then RecordingUploadBench in the same run: a recording of MIB MiB (default 1024) uploaded
# over TLS in chunks into the artifact vault, and the time to first byte of range reads at the start, at
# minute 20 of an hour (a third in) and at 90 %.
# Usage: bench/records-bench.sh [MIB] [CHUNK_BYTES]   (defaults 1024 and 1048576)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -DskipTests -Dspotless.check.skip=true -Dsecurevisit.aot.skip test-compile
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
source .mvn/select-jdk.sh 2>/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "== $(uptime)"
echo "== openssl speed -evp aes-256-gcm (1 MiB blocks, single core)"
openssl speed -evp aes-256-gcm -bytes 1048576 -seconds "${OPENSSL_SECONDS:-5}" 2>/dev/null | tail -n 1
echo "== RecordingUploadBench ${1:-1024} MiB"
"$JAVA" -Xmx${BENCH_HEAP:-512m} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dspring.main.banner-mode=off -Dlogging.level.root=WARN \
  health.securevisit.records.RecordingUploadBench "${1:-1024}" "${2:-1048576}" 2>&1 | grep -E '^(upload|range)'
echo "== $(uptime)"
