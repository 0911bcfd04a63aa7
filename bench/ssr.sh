#!/usr/bin/env bash
# Server rendering and the API against a yardstick: Hearth's release server and a bare axum
# "hello" (bench/bare) run side by side, measured one after the other with wrk on loopback, and
# each Hearth figure is also given as a share of the bare server's requests per second, which
# keeps runs comparable across machines and busy hours. Pages are asked for with brotli, as a
# browser does; `/dashboard` with a signed-in person's cookies, `/api/v1/users/me` with a bearer
# token. Prints the server's memory after the run; fails on any panic in its log.
#
#   bench/ssr.sh                  # SQLite in a temporary directory
#   DURATION=30s CONNECTIONS=64 DATABASE_URL=postgres://… bench/ssr.sh
#
# Needs `make build` first (target/release/server and target/site) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
port=${PORT:-3300}
bare_port=$((port + 1))
workdir=$(mktemp -d /tmp/hearth-bench.XXXXXX)
database_url=${DATABASE_URL:-sqlite://$workdir/hearth.db}
base="http://127.0.0.1:$port"

[ -x target/release/server ] || { echo "build first: make build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --quiet --release --locked --manifest-path bench/bare/Cargo.toml --target-dir target/bench-bare

LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site DATABASE_URL=$database_url \
  RUST_LOG=warn target/release/server >"$workdir/server.log" 2>&1 &
server=$!
target/bench-bare/release/bare-hello "127.0.0.1:$bare_port" &
bare=$!
trap 'status=$?; kill $server $bare 2>/dev/null; wait $server $bare 2>/dev/null || true; rm -rf "$workdir"; exit $status' EXIT
for _ in $(seq 100); do
  curl -sf "$base/readyz" >/dev/null && curl -sf "http://127.0.0.1:$bare_port/" >/dev/null && break
  sleep 0.1
done

# A person signed in through the registration form (its session cookies, not the one-time
# welcome message, which a browser drops after showing it once), and a bearer token.
password="copper kettle rain lantern"
curl -sf -o /dev/null -D "$workdir/register.headers" \
  -H 'content-type: application/x-www-form-urlencoded' -H 'accept: text/html' \
  -H "origin: $base" -H 'sec-fetch-site: same-origin' -H "referer: $base/register" \
  --data-urlencode "name=Bench" --data-urlencode "email=bench-page-$$@example.com" \
  --data-urlencode "password=$password" --data-urlencode "next=/dashboard" "$base/fn/register"
cookies=$(grep -iE '^set-cookie: hearth_(access|refresh)=' "$workdir/register.headers" | sed -E 's/^[^:]+: ([^;]*).*/\1/' | paste -sd ';' -)
[ -n "$cookies" ] || { echo "registering through the form gave no session cookies" >&2; exit 1; }
token=$(curl -sf -H 'content-type: application/json' \
  -d "{\"email\":\"bench-api-$$@example.com\",\"password\":\"$password\",\"name\":\"Bench\"}" \
  "$base/api/v1/auth/register" >/dev/null &&
  curl -sf -H 'content-type: application/json' \
    -d "{\"email\":\"bench-api-$$@example.com\",\"password\":\"$password\"}" "$base/api/v1/auth/login" |
  sed -E 's/.*"access_token":"([^"]+)".*/\1/')
[ -n "$token" ] || { echo "no access token from the API" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "cookie: $cookies" "$base/dashboard")
[ "$status" = 200 ] || { echo "/dashboard with the session cookies answered $status" >&2; exit 1; }

# wrk once: prints "REQUESTS_PER_SECOND P99 ERRORS".
measure() {
  local url=$1
  shift
  wrk --latency -t2 -c"$connections" -d"$duration" "$@" "$url" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { p99 = $2 }
    /Non-2xx|Socket errors/ { errors = errors $0 " " }
    END { printf "%s %s %s\n", rps, p99, (errors == "" ? "-" : errors) }'
}

echo "Hearth against a bare axum hello, $(nproc) cores, $connections connections, $duration per run, database ${database_url%%:*}"
print_handoff_cost
read -r bare_rps bare_p99 bare_errors < <(measure "http://127.0.0.1:$bare_port/")
printf '\n%-22s %12s %9s %9s  %s\n' target requests/s "of bare" p99 errors
printf '%-22s %12.0f %8s%% %9s  %s\n' "bare axum GET /" "$bare_rps" 100 "$bare_p99" "$bare_errors"
row() {
  local label=$1 path=$2
  shift 2
  local rps p99 errors
  read -r rps p99 errors < <(measure "$base$path" "$@")
  printf '%-22s %12.0f %8.1f%% %9s  %s\n' "$label" "$rps" "$(awk -v a="$rps" -v b="$bare_rps" 'BEGIN { print a * 100 / b }')" "$p99" "$errors"
}
row "GET /" / -H 'Accept-Encoding: br'
# A cookie the page cache does not know sends every request past it: the page rendered each time.
row "GET / rendered" / -H 'Accept-Encoding: br' -H 'cookie: bench=1'
row "GET /login" /login -H 'Accept-Encoding: br'
row "GET /dashboard" /dashboard -H 'Accept-Encoding: br' -H "cookie: $cookies"
row "GET /api/v1/users/me" /api/v1/users/me -H "authorization: Bearer $token"
row "GET /healthz" /healthz

printf '\nServer memory after the run: %s\n' "$(awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server/status")"

fail_on_panic "$workdir/server.log"
