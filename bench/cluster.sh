#!/usr/bin/env bash
# Cluster run (docs/cluster.md): 3 nodes on one PostgreSQL database and a private redis-server, behind
# HAProxy (TLS to clients, TLS re-encrypted to the nodes with their certificate verified, readiness
# checks, X-Forwarded-For from HAProxy only). Drives sign-ins and audited chart reads through HAProxy,
# kills -9 one node in the middle (BENCH_KILL=leader: node 1, which signs the checkpoints; follower:
# node 3), goes on, then checks that the trail grew by at least the acknowledged requests' audit events
# and that `audit verify` passes. Bounded: every wait has a timeout, the whole run is under ~6 minutes.
# Usage: bench/cluster.sh [reads-per-phase]   (default 200); BENCH_KILL=leader|follower (default leader).
# Needs target/securevisit.jar, haproxy, redis-server, curl, jq, oathtool, psql; PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./.mvn/select-jdk.sh
reads=${1:-200}
kill_which=${BENCH_KILL:-leader}
dir=$(mktemp -d)
base=$((20000 + RANDOM % 10000)) # below the ephemeral port range (32768-)
lb=$base; redis_port=$((base + 1)); ports=($((base + 2)) $((base + 3)) $((base + 4)))
pgdb="securevisit_cluster_$$"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 || true
  mkdir -p "${TMPDIR:-/tmp}/cluster-bench-logs" && cp "$dir"/*.log "${TMPDIR:-/tmp}/cluster-bench-logs/" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
deadline() { timeout "$@"; }

psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $pgdb"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$dir/redis.log" 2>&1 &
pids+=($!)

common=(SECUREVISIT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$pgdb" SECUREVISIT_DB_USER=postgres
  SECUREVISIT_CLUSTER_SESSIONS=redis SECUREVISIT_CLUSTER_THROTTLES=redis SECUREVISIT_CLUSTER_RELAY=redis
  SECUREVISIT_CLUSTER_REDIS_URL="redis://127.0.0.1:$redis_port" SECUREVISIT_CLUSTER_KEY_PREFIX="bench$$"
  SECUREVISIT_PUBLIC_URL="https://localhost:$lb" SECUREVISIT_LOG_FORMAT=text
  SECUREVISIT_BOOTSTRAP_ADMIN_USERNAME=bench.admin SECUREVISIT_BOOTSTRAP_ADMIN_PASSWORD='bench admin passphrase 1'
  SECUREVISIT_ACCESS_UNKNOWN_DEVICE_POSTURE=ALLOW
  # The client address comes from X-Forwarded-For only when HAProxy (127.0.0.1) sent it.
  SERVER_FORWARD_HEADERS_STRATEGY=NATIVE 'SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES=127\.0\.0\.1'
  JAVA_TOOL_OPTIONS="-Xmx384m -XX:TieredStopAtLevel=1")
node_pids=()
start_node() { # start_node INDEX
  local i=$1
  env "${common[@]}" SECUREVISIT_DATA_DIR="$dir/n$i" SECUREVISIT_PORT="${ports[$i]}" SECUREVISIT_HUB_PORT=$((base + 5 + i)) \
    "$JAVA_HOME/bin/java" -jar target/securevisit.jar serve >"$dir/node$i.log" 2>&1 &
  node_pids[$i]=$!; pids+=($!)
}
wait_ready() { # wait_ready INDEX: the node answers readiness (or the run fails when it died)
  local i=$1 t=0
  until curl -sfk -o /dev/null "https://127.0.0.1:${ports[$i]}/api/v1/health/readiness"; do
    kill -0 "${node_pids[$i]}" 2>/dev/null || { echo "FAIL: node $i did not start:" >&2; tail -3 "$dir/node$i.log" >&2; exit 1; }
    t=$((t + 1)); [ $t -lt 360 ] || { echo "FAIL: node $i not ready in 180 s" >&2; exit 1; }
    sleep 0.5
  done
}
start_node 0; wait_ready 0
# Every node shares the keyring (docs/keys.md) and the TLS certificate (localhost, 127.0.0.1).
for i in 1 2; do mkdir -p "$dir/n$i" && chmod 700 "$dir/n$i" && cp -r "$dir/n0/keys" "$dir/n0/tls" "$dir/n$i/"; done
start_node 1; start_node 2; wait_ready 1; wait_ready 2

cat "$dir/n0/tls/server.crt" "$dir/n0/tls/server.key" >"$dir/front.pem"
cat >"$dir/haproxy.cfg" <<CFG
global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout tunnel 1h
  option forwardfor
  option redispatch
  retries 2
frontend front
  bind 127.0.0.1:$lb ssl crt $dir/front.pem
  http-request del-header X-Forwarded-For
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /api/v1/health/readiness
  http-check expect status 200
  default-server ssl verify required ca-file $dir/n0/tls/server.crt verifyhost localhost sni str(localhost) check inter 500ms fall 2 rise 2
  server n0 127.0.0.1:${ports[0]}
  server n1 127.0.0.1:${ports[1]}
  server n2 127.0.0.1:${ports[2]}
CFG
haproxy -f "$dir/haproxy.cfg" -db >"$dir/haproxy.log" 2>&1 &
pids+=($!)
SV="https://localhost:$lb"
deadline 30 bash -c "until curl -sf --cacert $dir/n0/tls/server.crt -o /dev/null $SV/api/v1/health; do sleep 0.3; done"

# sv JAR curl-args...: through HAProxy, a cookie jar and its CSRF token; no stickiness of any kind.
sv() {
  local jar="$dir/$1.jar"; shift
  curl -sS --fail-with-body --max-time 20 --cacert "$dir/n0/tls/server.crt" -b "$jar" -c "$jar" -H 'Content-Type: application/json' \
    -H "X-XSRF-TOKEN: $(awk '$6 == "__Host-XSRF-TOKEN" {print $7}' "$jar" 2>/dev/null)" "$@"
}
first_sign_in() {
  sv "$1" "$SV/api/v1/auth/csrf" >/dev/null
  sv "$1" -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$SV/api/v1/auth/login" >/dev/null
  local secret; secret=$(sv "$1" -X POST "$SV/api/v1/auth/totp/enrollment" | jq -r .secret)
  sv "$1" -d "{\"code\":\"$(oathtool --totp -b "$secret")\"}" "$SV/api/v1/auth/totp/enrollment/confirm" >/dev/null
  echo "$secret"
}
first_sign_in bench.admin 'bench admin passphrase 1' >/dev/null
sv bench.admin -d '{"username":"bench.staff","password":"bench staff passphrase","roles":["STAFF"],"reason":"cluster benchmark account"}' "$SV/api/v1/users" >/dev/null
sv bench.admin -d '{"username":"bench.doc","password":"bench doctor passphrase","roles":["CLINICIAN"],"reason":"cluster benchmark account"}' "$SV/api/v1/users" >/dev/null
first_sign_in bench.staff 'bench staff passphrase' >/dev/null
first_sign_in bench.doc 'bench doctor passphrase' >/dev/null
doc_id=$(sv bench.doc "$SV/api/v1/auth/session" | jq -r .userId)
patient=$(sv bench.staff -d '{"mrn":"CLUSTER-1","fullName":"Cluster Patient","dateOfBirth":"1970-01-02"}' "$SV/api/v1/patients" | jq -r .id)
start=$(date -u -d '+5 minutes' +%Y-%m-%dT%H:%M:00Z)
visit=$(sv bench.staff -d "{\"patientId\":\"$patient\",\"clinicianIds\":[\"$doc_id\"],\"start\":\"$start\",\"durationMinutes\":60,\"modality\":\"VIDEO\"}" "$SV/api/v1/visits" | jq -r .id)
sv bench.staff -d '{"to":"WAITING"}' "$SV/api/v1/visits/$visit/transitions" >/dev/null
sv bench.staff -d '{"dataPoints":{"fullName":"Cluster Patient","dateOfBirth":"1970-01-02"}}' "$SV/api/v1/visits/$visit/identity-verification" >/dev/null

trail() { psql -h 127.0.0.1 -U postgres -d "$pgdb" -tAc "SELECT count(*) FROM audit_entry"; }
acked=0; failed=0; signins=0; signins_failed=0
# phase: chart reads with the clinician's one session (kept in Redis: it survives the kill), and a
# password sign-in step of another account every 25 reads; counts the acknowledged (200) ones.
phase() {
  for n in $(seq "$reads"); do
    if [ $((n % 25)) -eq 0 ]; then
      rm -f "$dir/signin.jar"
      if sv signin "$SV/api/v1/auth/csrf" >/dev/null 2>&1 \
        && sv signin -d '{"username":"bench.staff","password":"bench staff passphrase"}' "$SV/api/v1/auth/login" >/dev/null 2>&1; then
        signins=$((signins + 1))
      else signins_failed=$((signins_failed + 1)); fi
    fi
    if sv bench.doc "$SV/api/v1/visits/$visit/chart" -o /dev/null 2>/dev/null; then acked=$((acked + 1)); else failed=$((failed + 1)); fi
  done
}
echo "machine: $(nproc) cores, load average before: $(cat /proc/loadavg)"
before=$(trail)
t0=$(date +%s.%N)
phase
victim=$([ "$kill_which" = leader ] && echo 0 || echo 2)
echo "kill -9 node $victim ($kill_which)"
kill -9 "${node_pids[$victim]}"
killed_at=$(date +%s.%N)
signed_before=$(psql -h 127.0.0.1 -U postgres -d "$pgdb" -tAc "SELECT coalesce(max(tree_size),0) FROM audit_checkpoint")
phase
t1=$(date +%s.%N)
# Time from the kill to the first checkpoint signed after it (by whichever node leads now).
first_after=$(psql -h 127.0.0.1 -U postgres -d "$pgdb" -tAc \
  "SELECT extract(epoch FROM min(signed_at)) FROM audit_checkpoint WHERE tree_size > $signed_before")
after=$(trail)
echo "sign-in steps answered: $signins (failed: $signins_failed)"
echo "acknowledged chart reads: $acked (failed: $failed) in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s"
echo "audit entries added: $((after - before)) (at least one per acknowledged chart read)"
echo "kill to next signed checkpoint: $(awk -v k="$killed_at" -v f="${first_after:-0}" 'BEGIN {printf "%.2f", f - k}') s"
[ $((after - before)) -ge "$acked" ] || { echo "FAIL: fewer audit entries than acknowledged requests" >&2; exit 1; }
# Stop the other nodes, then verify the whole trail (every checkpoint of both leaders) from the database.
for i in 0 1 2; do kill "${node_pids[$i]}" 2>/dev/null || true; done
for i in 0 1 2; do wait "${node_pids[$i]}" 2>/dev/null || true; done
env "${common[@]}" SECUREVISIT_DATA_DIR="$dir/n1" "$JAVA_HOME/bin/java" -jar target/securevisit.jar audit verify | tee "$dir/verify.log"
grep -q "audit verify: OK" "$dir/verify.log" || { echo "FAIL: audit verify" >&2; exit 1; }
[ $((failed + signins_failed)) -le 2 ] || { echo "FAIL: $((failed + signins_failed)) requests failed (at most the ones in flight at the kill may)" >&2; exit 1; }
echo "PASS: load average after: $(cat /proc/loadavg)"
