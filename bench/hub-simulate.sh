#!/usr/bin/env bash
# A simulated hospital-at-home hub: enrols with a one-time enrolment code (an ECDSA P-256 key and a
# PKCS#10 CSR made by openssl), then sends batches of vital-sign readings over mutual TLS to the hub
# listener with curl --cert. Each batch holds full vital sets (heart rate, SpO2, blood pressure,
# temperature) plus a weight, with fresh reading ids and times; the script checks every answer.
# Usage: bench/hub-simulate.sh ENROLMENT_CODE [BATCHES (default 3)] [SETS_PER_BATCH (default 2)]
# Settings (environment): SV (main listener, default https://localhost:8443), HUB (hub listener,
# default https://localhost:8444), CACERT (the server's certificate, default data/tls/server.crt),
# MODE (CELLULAR | DEDICATED_SEGMENT | SHARED_HOME, default CELLULAR), UPLINK (carrier or segment id,
# default 310-260), DIR (where the hub keeps its key and certificate, default a new temporary one).
# Needs openssl, curl and jq.
set -euo pipefail
code=${1:?usage: bench/hub-simulate.sh ENROLMENT_CODE [BATCHES] [SETS_PER_BATCH]}
batches=${2:-3}
sets=${3:-2}
SV=${SV:-https://localhost:8443}
HUB=${HUB:-https://localhost:8444}
CACERT=${CACERT:-data/tls/server.crt}
MODE=${MODE:-CELLULAR}
UPLINK=${UPLINK:-310-260}
DIR=${DIR:-$(mktemp -d)}
mkdir -p "$DIR"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$DIR/hub.key" 2>/dev/null
openssl req -new -key "$DIR/hub.key" -subj /CN=hub -out "$DIR/hub.csr"
jq -n --arg code "$code" --rawfile csr "$DIR/hub.csr" '{code: $code, csr: $csr}' >"$DIR/enrol.json"
curl -sS --fail-with-body --cacert "$CACERT" -H 'Content-Type: application/json' \
  --data-binary @"$DIR/enrol.json" "$SV/api/v1/hubs/enrol" >"$DIR/issued.json"
jq -r .certificatePem "$DIR/issued.json" >"$DIR/hub.crt"
jq -r .caPem "$DIR/issued.json" >"$DIR/ca.crt"
hub=$(jq -r .hubId "$DIR/issued.json")
echo "enrolled hub $hub (certificate valid until $(jq -r .notAfter "$DIR/issued.json"))"

total=0
for b in $(seq "$batches"); do
  now=$(date -u +%s)
  readings=()
  for s in $(seq "$sets"); do
    t=$(date -u -d "@$((now - 60 * (sets - s + 1)))" +%Y-%m-%dT%H:%M:%SZ)
    id="$hub-$b-$s"
    hr=$((60 + RANDOM % 30)); spo2=$((94 + RANDOM % 5)); sys=$((110 + RANDOM % 30)); dia=$((70 + RANDOM % 15))
    readings+=("{\"id\":\"$id-hr\",\"code\":\"8867-4\",\"time\":\"$t\",\"value\":$hr}"
      "{\"id\":\"$id-spo2\",\"code\":\"59408-5\",\"time\":\"$t\",\"value\":$spo2}"
      "{\"id\":\"$id-bp\",\"code\":\"85354-9\",\"time\":\"$t\",\"systolic\":$sys,\"diastolic\":$dia}"
      "{\"id\":\"$id-temp\",\"code\":\"8310-5\",\"time\":\"$t\",\"value\":36.$((RANDOM % 9))}"
      "{\"id\":\"$id-weight\",\"code\":\"29463-7\",\"time\":\"$t\",\"value\":7$((RANDOM % 9)).5}")
  done
  body="{\"uplink\":{\"mode\":\"$MODE\",\"id\":\"$UPLINK\"},\"readings\":[$(IFS=,; echo "${readings[*]}")]}"
  receipt=$(curl -sS --fail-with-body --cacert "$CACERT" --cert "$DIR/hub.crt" --key "$DIR/hub.key" \
    -H 'Content-Type: application/json' --data-binary "$body" "$HUB/api/v1/hub/observations")
  echo "batch $b: $receipt"
  accepted=$(jq -r .accepted <<<"$receipt")
  total=$((total + accepted))
done
echo "sent $total readings over mutual TLS as hub $hub"
