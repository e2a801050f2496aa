# Sourced by benchmark scripts (bench/chart-wrk.sh, bench/device-csv.sh): one SecureVisit server of
# target/securevisit.jar (or BENCH_JAR) in a throw-away data directory, and curl helpers for it.
#
# bench_start NAME PORT DB: starts the server on PORT over DB (h2, or postgres: a throw-away database on
# 127.0.0.1:5432) with the variables of the caller's `env` array and a bootstrap administrator
# (bench.admin / 'bench admin passphrase 1'); sets dir, SV and pid; stops it (and drops the database) at
# exit, keeping its log as ${TMPDIR:-/tmp}/NAME-server.log. BENCH_JAVA_OPTS: extra JVM options.
bench_start() {
  local name=$1 port=$2 db=$3
  dir=$(mktemp -d)
  SV="https://127.0.0.1:$port"
  # The hub listener gets its own port too (PORT + 1000): the default 8444 may be another server's.
  env+=(SECUREVISIT_DATA_DIR="$dir/data" SECUREVISIT_PORT=$port SECUREVISIT_HUB_PORT=$((port + 1000))
    SECUREVISIT_BOOTSTRAP_ADMIN_USERNAME=bench.admin SECUREVISIT_BOOTSTRAP_ADMIN_PASSWORD='bench admin passphrase 1')
  if [ "$db" = postgres ]; then
    pgdb="securevisit_${name//-/_}_$$"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $pgdb"
    env+=(SECUREVISIT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$pgdb" SECUREVISIT_DB_USER=postgres)
  fi
  env "${env[@]}" "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -jar "${BENCH_JAR:-target/securevisit.jar}" serve >"$dir/server.log" 2>&1 &
  pid=$!
  bench_log="${TMPDIR:-/tmp}/$name-server.log"
  trap bench_stop EXIT
  until curl -sfk -o /dev/null "$SV/api/v1/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "FAIL: the server did not start:" >&2; tail -3 "$dir/server.log" >&2; exit 1; }
    sleep 0.2
  done
}

bench_stop() {
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  if [ -n "${pgdb:-}" ]; then psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)"; fi
  cp "$dir/server.log" "$bench_log" 2>/dev/null || true
  rm -rf "$dir"
}

# csrf NAME: the CSRF token in NAME's cookie jar.
csrf() { awk '$6 == "__Host-XSRF-TOKEN" {print $7}' "$dir/$1.jar" 2>/dev/null; }

# sv NAME curl-args...: curl with the server's certificate, NAME's cookie jar and its CSRF token.
sv() {
  local name=$1; shift
  curl -sS --fail-with-body --cacert "$dir/data/tls/server.crt" -b "$dir/$name.jar" -c "$dir/$name.jar" \
    -H 'Content-Type: application/json' -H "X-XSRF-TOKEN: $(csrf "$name")" "$@"
}

# first_sign_in NAME PASSWORD: password, TOTP enrolment; prints the secret.
first_sign_in() {
  sv "$1" "$SV/api/v1/auth/csrf" >/dev/null
  sv "$1" -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$SV/api/v1/auth/login" >/dev/null
  local secret; secret=$(sv "$1" -X POST "$SV/api/v1/auth/totp/enrollment" | jq -r .secret)
  sv "$1" -d "{\"code\":\"$(oathtool --totp -b "$secret")\"}" "$SV/api/v1/auth/totp/enrollment/confirm" >/dev/null
  echo "$secret"
}
