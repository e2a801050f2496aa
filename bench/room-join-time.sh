#!/usr/bin/env bash
# Join time of the visit room (docs/benchmarks/room.md, "Join time"): admission to the first decoded
# remote video frame, median of N rounds (default 5) after one warm-up round, with the clinician's and
# the patient's headless Chromium in their own network namespaces and coturn relaying (as in
# RoomBrowserTests), with the time of each step on both pages (page load, socket open, admitted,
# camera, ice-servers, offer, TURN allocation, answer, ICE gathered and connected, DTLS connected,
# first frame) and its median. Needs root (ip netns), chromium, chromium-driver, coturn, iproute2.
# Usage: bench/room-join-time.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench-java.sh
"$JAVA" -cp "$BENCH_CP" \
  -Dspring.main.banner-mode=off -Dlogging.level.root=WARN \
  health.securevisit.room.RoomJoinBench "${1:-5}" > target/room-join-time.log 2>&1 || { tail -n 40 target/room-join-time.log; exit 1; }
grep -E "^(round|  |steps|join time)" target/room-join-time.log
