#!/usr/bin/env bash
# Backup figures (docs/backup.md): backup, restore and restore drill of an embedded installation
# with 1,000 patients and MB MiB of artifacts (default 512), each command in-process.
# Usage: bench/backup.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -DskipTests -Dspotless.check.skip=true test-compile
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
source .mvn/select-jdk.sh 2>/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  health.securevisit.backup.BackupBenchmark "${1:-512}"
