# Sourced by the bench scripts that run a Java main of bench/src: compiles the test and bench sources
# (profile bench), writes their classpath to target/bench.classpath and sets BENCH_CP and JAVA.
./mvnw -B -q -Pbench -DskipTests -Dspotless.check.skip=true -Dsecurevisit.aot.skip test-compile
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
source .mvn/select-jdk.sh 2>/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
