#!/usr/bin/env bash
# Egress gate cost on the syslog export path (docs/benchmarks/vendors.md): the same trail exported to
# a real rsyslogd over TLS without and with the gate, alternating, in one run.
# Usage: bench/egress-gate.sh [events] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -DskipTests -Dspotless.check.skip=true -Dsecurevisit.aot.skip test-compile
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
source .mvn/select-jdk.sh 2>/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  health.securevisit.audit.internal.EgressGateBench "${1:-50000}" "${2:-5}"
if [[ "${JMH:-1}" == 1 ]]; then
  echo "== JMH: EgressGate.permits alone ($("$JAVA" -version 2>&1 | head -n 1))"
  "$JAVA" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main \
    'health.securevisit.platform.EgressGateBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s -t 1 -rf text \
    -rff target/egress-gate-jmh.txt
fi
