#!/usr/bin/env bash
# Time to compute the whole compliance report (docs/benchmarks/compliance.md) on PostgreSQL with
# 10,000 patients, 100,000 visits and 10,000,000 audit entries, divided by DIVISOR (default 1: full
# size; 20 for a 1/20 run). Seeds the rows with SQL (patients hold ciphertext-shaped envelopes, so
# the encryption-coverage scan reads every PHI value), then runs `securevisit evidence export`
# RUNS times (default 3): each computes the report afresh (every evidence source, the encryption
# scan, the OSCAL document validated against NIST's schema) and prints the compute time.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and psql.
# Usage: bench/compliance-report.sh [DIVISOR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
DIVISOR="${1:-1}"
RUNS="${2:-3}"
PATIENTS=$((10000 / DIVISOR))
VISITS=$((100000 / DIVISOR))
ENTRIES=$((10000000 / DIVISOR))
PG="-h 127.0.0.1 -U postgres"
DB="sv_bench_compliance_$$"
DATA="$(mktemp -d)"
cleanup() { dropdb $PG --if-exists "$DB" >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap cleanup EXIT

./mvnw -B -q -DskipTests -Dspotless.check.skip=true -Dsecurevisit.aot.skip compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime.classpath >/dev/null
source .mvn/select-jdk.sh 2>/dev/null || true
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
sv() {
  SECUREVISIT_DATA_DIR="$DATA" SECUREVISIT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SECUREVISIT_DB_USER=postgres \
    "$JAVA" -cp "target/classes:$(cat target/runtime.classpath)" health.securevisit.SecureVisit "$@"
}

createdb $PG "$DB"
sv evidence export "$DATA/first.zip" >/dev/null  # migrations, keyring, an empty report
echo "seeding $PATIENTS patients, $VISITS visits, $ENTRIES audit entries ..."
start=$(date +%s)
psql $PG -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
CREATE EXTENSION IF NOT EXISTS pgcrypto;
INSERT INTO patient (id, mrn_enc, full_name_enc, date_of_birth_enc, address_enc, phone_enc, email_enc,
                     insurance_id_enc, mrn_index, dob_index, created_at, updated_at)
SELECT gen_random_uuid(), '\x01'::bytea || gen_random_bytes(48), '\x01'::bytea || gen_random_bytes(56),
       '\x01'::bytea || gen_random_bytes(42), '\x01'::bytea || gen_random_bytes(80), '\x01'::bytea || gen_random_bytes(44),
       '\x01'::bytea || gen_random_bytes(60), '\x01'::bytea || gen_random_bytes(48), gen_random_bytes(32),
       gen_random_bytes(32), now(), now()
FROM generate_series(1, $PATIENTS);
CREATE TEMP TABLE numbered AS SELECT id, row_number() OVER () - 1 AS n FROM patient;
INSERT INTO visit (id, patient_id, start_at, end_at, duration_minutes, modality, status, failed_verifications,
                   flagged_for_review, created_by, created_at, updated_at, version)
SELECT gen_random_uuid(), p.id, now() - (g || ' hours')::interval, now() - (g || ' hours')::interval + interval '30 minutes',
       30, 'VIDEO', 'ENDED', 0, false, gen_random_uuid(), now(), now(), 0
FROM generate_series(1, $VISITS) g
JOIN numbered p ON p.n = g % $PATIENTS;
INSERT INTO audit_entry (seq, recorded_at, action, outcome, actor_id, actor_role, resource_type, resource_id,
                         patient_id, purpose, leaf_hash)
SELECT (SELECT COALESCE(MAX(seq), -1) FROM audit_entry) + g, now() - (g || ' seconds')::interval, 'chart.read', 'SUCCESS',
       md5(g::text), 'CLINICIAN', 'patient', md5((g % $PATIENTS)::text), md5((g % $PATIENTS)::text), 'TREATMENT',
       gen_random_bytes(32)
FROM generate_series(1, $ENTRIES) g;
UPDATE audit_head SET tree_size = (SELECT MAX(seq) + 1 FROM audit_entry) WHERE id = 1;
ANALYZE;
SQL
echo "seeded in $(( $(date +%s) - start )) s: $(psql $PG -At -d "$DB" -c 'SELECT (SELECT COUNT(*) FROM patient) || '' patients, '' || (SELECT COUNT(*) FROM visit) || '' visits, '' || (SELECT COUNT(*) FROM audit_entry) || '' audit entries''')"

for i in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  line=$(sv evidence export "$DATA/bundle-$i.zip")
  t1=$(date +%s%N)
  echo "run $i: $line"
  echo "run $i: command wall time $(( (t1 - t0) / 1000000 )) ms (JVM start, Spring context, report, bundle)"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
