#!/usr/bin/env bash
# Detection benchmark (docs/benchmarks/detection.md): the audit append path without and with the
# detection feed beside it (alternating rounds, same run), then a replay of N events through every
# shipped rule, compared with the append rate. Embedded H2 (the default database).
# Usage: bench/detection.sh [replay events] [appends per round] [rounds] [callers]
#        full size: bench/detection.sh 1000000 20000 3 16
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -DskipTests -Dspotless.check.skip=true -Dsecurevisit.aot.skip test-compile
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
source .mvn/select-jdk.sh 2>/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  health.securevisit.audit.internal.DetectionFeedBench "${1:-1000000}" "${2:-20000}" "${3:-3}" "${4:-16}"
