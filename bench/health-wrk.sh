#!/usr/bin/env bash
# wrk throughput and latency of GET /api/v1/health over TLS with 64 keep-alive connections.
# Usage: bench/health-wrk.sh [duration]   (default 30s). Needs target/securevisit.jar and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./.mvn/select-jdk.sh
duration=${1:-30s}
port=18444
dir=$(mktemp -d)
SECUREVISIT_DATA_DIR="$dir" SECUREVISIT_PORT=$port \
  "$JAVA_HOME/bin/java" -jar target/securevisit.jar serve >"$dir.log" 2>&1 &
pid=$!
trap 'kill $pid; wait $pid 2>/dev/null || true; rm -rf "$dir" "$dir.log"' EXIT
until curl -sfk -o /dev/null "https://127.0.0.1:$port/api/v1/health"; do sleep 0.1; done
echo "warm-up (10s, not reported)"
wrk -t2 -c64 -d10s "https://127.0.0.1:$port/api/v1/health" >/dev/null
wrk -t2 -c64 -d"$duration" --latency "https://127.0.0.1:$port/api/v1/health"
