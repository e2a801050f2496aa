#!/usr/bin/env bash
# Time from launch to the first successful GET /api/v1/health, and resident memory right after,
# on the embedded H2 default and on PostgreSQL, each run on a fresh data directory (first start).
# Usage: bench/startup.sh [runs] [checkout]   (default 3 runs, this checkout)
#   checkout  another built checkout to measure with this same script, e.g. the code before
#   BENCH_LAUNCH=securevisit (default) starts `./securevisit serve`, the README's run command (with
#   the start-up cache when the build made one); BENCH_LAUNCH=jar starts `java -jar
#   target/securevisit.jar serve` (never a cache).
# Needs a built jar (./mvnw -B -DskipTests package) and PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "${2:-$(dirname "$0")/..}"
. ./.mvn/select-jdk.sh
runs=${1:-3}
launch=${BENCH_LAUNCH:-securevisit}
port=18443
measure() { # $1 = label, rest = env assignments
  local label=$1; shift
  for i in $(seq 1 "$runs"); do
    dir=$(mktemp -d)
    start=$(date +%s%N)
    if [ "$launch" = jar ]; then
      env "$@" SECUREVISIT_DATA_DIR="$dir" SECUREVISIT_PORT=$port SECUREVISIT_LOG_FORMAT=json \
        "$JAVA_HOME/bin/java" -jar target/securevisit.jar serve >"$dir.log" 2>&1 &
    else
      env "$@" SECUREVISIT_DATA_DIR="$dir" SECUREVISIT_PORT=$port SECUREVISIT_LOG_FORMAT=json \
        ./securevisit serve >"$dir.log" 2>&1 &
    fi
    pid=$!
    until curl -sfk -o /dev/null "https://127.0.0.1:$port/api/v1/health"; do
      kill -0 $pid 2>/dev/null || { echo "$label run $i: server exited"; tail -5 "$dir.log"; exit 1; }
      sleep 0.02
    done
    end=$(date +%s%N)
    rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
    printf '%s run %d: first health after %d ms, RSS %d MiB\n' "$label" "$i" $(( (end-start)/1000000 )) "$rss"
    kill $pid; wait $pid 2>/dev/null || true
    rm -rf "$dir" "$dir.log"
  done
}
printf '%s, %s, load average %s\n' "$(pwd)" "$launch" "$(cut -d' ' -f1-3 /proc/loadavg)"
measure h2
db="securevisit_bench_$$"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
measure postgres SECUREVISIT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SECUREVISIT_DB_USER=postgres
