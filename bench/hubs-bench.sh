#!/usr/bin/env bash
# Readings per second over mutual TLS from simulated hubs (issue 22's benchmark; docs/benchmarks/hubs.md):
# HUBS (default 100) hubs enrolled with openssl CSRs, each with its own certificate and kept-alive TLS
# connection, post batches of BATCH (default 50) readings for DURATION (default 30s) after a warm-up;
# every batch must be answered 200 with all readings accepted, and the audit trail must grow by at
# least one record per batch. Prints readings/s and batch latency percentiles, and a verdict against
# the goal of 10,000 readings/s.
# Usage: bench/hubs-bench.sh [duration-seconds] ; needs target/securevisit.jar, curl, jq, oathtool,
# openssl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./.mvn/select-jdk.sh
duration=${1:-30}
hubs=${HUBS:-100}
batch=${BATCH:-50}
port=18447
hub_port=18448
dir=$(mktemp -d)
SV="https://127.0.0.1:$port"
env=(SECUREVISIT_DATA_DIR="$dir/data" SECUREVISIT_PORT=$port SECUREVISIT_HUB_PORT=$hub_port SECUREVISIT_HUB_ENROL_ATTEMPTS_PER_MINUTE=1000
  SECUREVISIT_ACCESS_UNKNOWN_DEVICE_POSTURE=ALLOW
  SECUREVISIT_BOOTSTRAP_ADMIN_USERNAME=bench.admin SECUREVISIT_BOOTSTRAP_ADMIN_PASSWORD='bench admin passphrase 1')
env "${env[@]}" "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -jar "${BENCH_JAR:-target/securevisit.jar}" serve >"$dir/server.log" 2>&1 &
pid=$!
cleanup() { kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; cp "$dir/server.log" "${TMPDIR:-/tmp}/hubs-bench-server.log" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
until curl -sfk -o /dev/null "$SV/api/v1/health"; do sleep 0.2; done
cacert="$dir/data/tls/server.crt"
sv() {
  local jar="$dir/$1.jar"; shift
  curl -sS --fail-with-body --cacert "$cacert" -b "$jar" -c "$jar" -H 'Content-Type: application/json' \
    -H "X-XSRF-TOKEN: $(awk '$6 == "__Host-XSRF-TOKEN" {print $7}' "$jar" 2>/dev/null)" "$@"
}
first_sign_in() {
  sv "$1" "$SV/api/v1/auth/csrf" >/dev/null
  sv "$1" -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$SV/api/v1/auth/login" >/dev/null
  local secret; secret=$(sv "$1" -X POST "$SV/api/v1/auth/totp/enrollment" | jq -r .secret)
  sv "$1" -d "{\"code\":\"$(oathtool --totp -b "$secret")\"}" "$SV/api/v1/auth/totp/enrollment/confirm" >/dev/null
}
first_sign_in bench.admin 'bench admin passphrase 1'
for who in staff officer auditor; do
  role=$(case $who in staff) echo STAFF;; officer) echo SECURITY_OFFICER;; auditor) echo AUDITOR;; esac)
  sv bench.admin -d "{\"username\":\"bench.$who\",\"password\":\"bench $who passphrase\",\"roles\":[\"$role\"],\"reason\":\"benchmark account for the hub ingest\"}" "$SV/api/v1/users" >/dev/null
  first_sign_in "bench.$who" "bench $who passphrase"
done
patient=$(sv bench.staff -d '{"mrn":"HUB-BENCH-1","fullName":"Hub Bench Patient","dateOfBirth":"1950-01-02"}' "$SV/api/v1/patients" | jq -r .id)
echo "enrolling $hubs hubs (openssl keys and CSRs)"
for i in $(seq "$hubs"); do
  d="$dir/hubs/$i"; mkdir -p "$d"
  code=$(sv bench.officer -d "{\"patientId\":\"$patient\",\"networkMode\":\"CELLULAR\",\"uplink\":\"310-260\"}" "$SV/api/v1/hubs" | jq -r .enrolmentCode)
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/hub.key" 2>/dev/null
  openssl req -new -key "$d/hub.key" -subj /CN=hub -out "$d/hub.csr"
  jq -n --arg code "$code" --rawfile csr "$d/hub.csr" '{code: $code, csr: $csr}' |
    curl -sS --fail-with-body --cacert "$cacert" -H 'Content-Type: application/json' --data-binary @- "$SV/api/v1/hubs/enrol" >"$d/issued.json"
  jq -r .certificatePem "$d/issued.json" >"$d/hub.crt"
  jq -r .hubId "$d/issued.json" >"$d/hub.id"
done
trail_size() { sleep 2; sv bench.auditor "$SV/api/v1/audit/checkpoint" | jq -r .treeSize; }
echo "machine: $(nproc) cores, load average before: $(cat /proc/loadavg)"
echo "warm-up (20 s, not reported)"
python3 bench/hubs-load.py "https://127.0.0.1:$hub_port" "$cacert" "$dir/hubs" 20 "$batch" >/dev/null
before=$(trail_size)
cpu_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
python3 bench/hubs-load.py "https://127.0.0.1:$hub_port" "$cacert" "$dir/hubs" "$duration" "$batch" | tee "$dir/load.out"
cpu_after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
after=$(trail_size)
batches=$(sed -n 's/.*BATCHES=\([0-9]*\).*/\1/p' "$dir/load.out")
accepted=$(sed -n 's/.*ACCEPTED=\([0-9]*\).*/\1/p' "$dir/load.out")
failures=$(sed -n 's/.*FAILURES=\([0-9]*\).*/\1/p' "$dir/load.out")
echo "audit trail grew by $((after - before)) records for $batches batches"
echo "server CPU per reading: $(( (cpu_after - cpu_before) * 1000000 / $(getconf CLK_TCK) / (accepted > 0 ? accepted : 1) )) us"
rate=$((accepted / duration))
[ "$failures" = 0 ] || { echo "VERDICT: FAILED ($failures batches not stored)"; exit 1; }
[ $((after - before)) -ge "$batches" ] || { echo "VERDICT: FAILED (audit trail did not grow by the batch count)"; exit 1; }
if [ "$rate" -ge 10000 ]; then echo "VERDICT: goal met ($rate readings/s >= 10000)"; else echo "VERDICT: goal missed ($rate readings/s < 10000)"; fi
