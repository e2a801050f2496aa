#!/usr/bin/env bash
# Import of an MDM compliance CSV (issue 21's benchmark; docs/benchmarks/devices.md): registers N
# devices, then uploads one N-row export (every row a good, newer report of a registered device) as a
# security officer and times the upload, checking its own work: N rows accepted, none refused, and the
# audit trail grown by at least N + 1 records (one per row and one for the upload).
# Usage: bench/device-csv.sh [rows] [h2|postgres]   (defaults 10000, h2); goal: under 5 s for 10,000 rows.
# Needs target/securevisit.jar, curl (with --parallel), jq, oathtool; postgres needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./.mvn/select-jdk.sh
rows=${1:-10000}
db=${2:-h2}
env=()
. bench/server.sh
bench_start device-csv 18446 "$db"

first_sign_in bench.admin 'bench admin passphrase 1' >/dev/null
sv bench.admin -d '{"username":"bench.officer","password":"bench officer passphrase","roles":["SECURITY_OFFICER"]}' "$SV/api/v1/users" >/dev/null
sv bench.admin -d '{"username":"bench.auditor","password":"bench auditor passphrase","roles":["AUDITOR"]}' "$SV/api/v1/users" >/dev/null
sv bench.admin -d '{"username":"bench.staff","password":"bench staff passphrase","roles":["STAFF"],"reason":"benchmark owner of the devices"}' "$SV/api/v1/users" >/dev/null
first_sign_in bench.officer 'bench officer passphrase' >/dev/null
first_sign_in bench.auditor 'bench auditor passphrase' >/dev/null
first_sign_in bench.staff 'bench staff passphrase' >/dev/null
owner=$(sv bench.staff "$SV/api/v1/auth/session" | jq -r .userId)

echo "registering $rows devices (16 requests at a time)"
token=$(csrf bench.officer)
awk -v n="$rows" -v sv="$SV" -v owner="$owner" -v cert="$dir/data/tls/server.crt" -v jar="$dir/bench.officer.jar" -v token="$token" 'BEGIN {
  for (i = 1; i <= n; i++) {
    printf "url = \"%s/api/v1/devices\"\ncacert = \"%s\"\ncookie = \"%s\"\nheader = \"Content-Type: application/json\"\n", sv, cert, jar
    printf "header = \"X-XSRF-TOKEN: %s\"\noutput = \"/dev/null\"\nwrite-out = \"%%{http_code}\\n\"\n", token
    printf "data = \"{\\\"ownerId\\\":\\\"%s\\\",\\\"name\\\":\\\"Laptop %d\\\",\\\"kind\\\":\\\"LAPTOP\\\",\\\"ownership\\\":\\\"ORGANISATION\\\",\\\"osName\\\":\\\"macOS\\\",\\\"osVersion\\\":\\\"14.5\\\",\\\"serialNumber\\\":\\\"BENCH-%07d\\\",\\\"mdmId\\\":\\\"host-%d\\\"}\"\n", owner, i, i, i
    if (i < n) print "next"
  }
}' > "$dir/register.curl"
curl -sS --no-progress-meter --parallel --parallel-max 16 -K "$dir/register.curl" > "$dir/register.codes"
created=$(grep -c '^201$' "$dir/register.codes" || true)
[ "$created" -eq "$rows" ] || { echo "FAIL: $created of $rows devices registered" >&2; sort "$dir/register.codes" | uniq -c >&2; exit 1; }

now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
{
  echo "deviceName,serialNumber,osVersion,isEncrypted,complianceState,lastSyncDateTime,managedDeviceOwnerType,screenLockTimeoutMinutes,antivirusStatus,antivirusSignatureDateTime"
  awk -v n="$rows" -v now="$now" 'BEGIN { for (i = 1; i <= n; i++) printf "Laptop %d,BENCH-%07d,14.5,true,compliant,%s,company,5,running,%s\n", i, i, now, now }'
} > "$dir/export.csv"
trail_size() { sleep 2; sv bench.auditor "$SV/api/v1/audit/checkpoint" | jq -r .treeSize; }
before=$(trail_size)
echo "machine: $(nproc) cores, load average before: $(cat /proc/loadavg), database: $db"
echo "uploading $rows rows ($(stat -c %s "$dir/export.csv") bytes)"
seconds=$(curl -sS --fail-with-body --cacert "$dir/data/tls/server.crt" -b "$dir/bench.officer.jar" \
  -H 'Content-Type: text/csv' -H "X-XSRF-TOKEN: $(csrf bench.officer)" --data-binary @"$dir/export.csv" \
  -o "$dir/result.json" -w '%{time_total}' "$SV/api/v1/device-posture/csv")
after=$(trail_size)
accepted=$(jq -r .accepted "$dir/result.json")
refused=$(jq -r '.rejected | length' "$dir/result.json")
echo "import: $seconds s, $accepted accepted, $refused refused, audit records added: $((after - before))"
[ "$accepted" -eq "$rows" ] && [ "$refused" -eq 0 ] || { echo "FAIL: not every row accepted" >&2; exit 1; }
[ $((after - before)) -ge $((rows + 1)) ] || { echo "FAIL: fewer audit records than rows + 1" >&2; exit 1; }
echo "rows/s: $(awk -v r="$rows" -v s="$seconds" 'BEGIN {printf "%.0f", r / s}')"
if awk -v s="$seconds" -v r="$rows" 'BEGIN {exit !(s * 10000 / r < 5)}'; then
  echo "goal met: under 5 s per 10,000 rows"
else
  echo "goal NOT met: 5 s per 10,000 rows"
fi
echo "load average after: $(cat /proc/loadavg)"
