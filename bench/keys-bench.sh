#!/usr/bin/env bash
# Keys module benchmarks (docs/benchmarks/keys.md): openssl's AES-256-GCM on 16 KiB blocks (one
# core) and the JMH benchmarks of bench/, in the same run on the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -DskipTests -Dspotless.check.skip=true test-compile
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
source .mvn/select-jdk.sh 2>/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "== openssl speed -evp aes-256-gcm (16 KiB blocks, single core)"
openssl version
openssl speed -evp aes-256-gcm -bytes 16384 -seconds "${OPENSSL_SECONDS:-5}" 2>/dev/null | tail -n 2
echo "== JMH ($("$JAVA" -version 2>&1 | head -n 1))"
"$JAVA" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main \
  'health.securevisit.keys.internal.KeysBenchmark' -f 1 -wi "${WARMUP_ITERATIONS:-5}" -w 2s -i "${ITERATIONS:-5}" -r 2s \
  -t 1 -rf text -rff target/keys-bench.txt "$@"
