#!/usr/bin/env bash
# Signaling capacity of the visit room (docs/benchmarks/room.md, "Signaling capacity"): N visits, two
# WebSocket participants each, set up through the public API, an offer/answer and candidates each,
# then a steady phase of candidates (every socket every INTERVAL ms) and chat (each visit every CHAT s).
# Prints sockets held, relay and chat latency p50/p99, errors, server and client CPU, and a verdict.
# The server runs in the load client's JVM (in-process, H2, as in the room tests).
# Usage: bench/room-signaling.sh [visits=1000] [steady seconds=60] [interval ms=2000] [chat every s=30]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench-java.sh
ulimit -n 65536 2>/dev/null || true
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -Xmx2g -cp "$BENCH_CP" \
  -Dspring.main.banner-mode=off -Dlogging.level.root=WARN \
  health.securevisit.room.RoomSignalingBench "${1:-1000}" "${2:-60}" "${3:-2000}" "${4:-30}" \
  > target/room-signaling.log 2>&1 || { tail -n 40 target/room-signaling.log; exit 1; }
grep -E "^(prepared|steady|setup|relay|chat|cpu|errors|signaling)" target/room-signaling.log
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
