#!/usr/bin/env bash
# What a login costs on this machine, and what a login storm does to everything else:
#
#   1. the raw argon2id verify time (the floor under every login);
#   2. single-request login latency (sequential curl requests, median and slowest);
#   3. login requests/s with CONNECTIONS concurrent connections (wrk, POST /api/v1/auth/login);
#   4. /healthz latency measured at the same time as 3, to show that password hashing (on the
#      blocking pool, behind a semaphore) does not starve the rest of the server.
#
#   bench/login.sh                 # SQLite in a temporary directory
#   DATABASE_URL=postgres://… bench/login.sh
#
# Needs `make build` first and wrk (apt-get install wrk). Bounded: the storm lasts DURATION.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
port=${PORT:-3301}
workdir=$(mktemp -d /tmp/hearth-bench.XXXXXX)
database_url=${DATABASE_URL:-sqlite://$workdir/hearth.db}
base="http://127.0.0.1:$port"

[ -x target/release/server ] || { echo "build first: make build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

echo "== 1. argon2id verify, alone"
cargo run --quiet --release -p app --features ssr --example argon2_verify -- 20

LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site DATABASE_URL=$database_url \
  RUST_LOG=warn target/release/server >"$workdir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$workdir"' EXIT
for _ in $(seq 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done

email="bench-$$@example.com"
body="{\"email\":\"$email\",\"password\":\"copper kettle rain lantern\"}"
curl -sf -o /dev/null -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"copper kettle rain lantern\",\"name\":\"Bench\"}" \
  "$base/api/v1/auth/register"

echo
echo "== 2. one login at a time (20 requests)"
for _ in $(seq 20); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'content-type: application/json' -d "$body" "$base/api/v1/auth/login"
done | sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "median %.1f ms, slowest %.1f ms\n", t[int((NR + 1) / 2)], t[NR] }'

cat >"$workdir/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$body'
LUA

echo
echo "== 3. login storm: $connections connections for $duration"
wrk --latency -t2 -c"$connections" -d"$duration" -s "$workdir/login.lua" "$base/api/v1/auth/login" \
  >"$workdir/storm.txt" &
storm=$!
sleep 1
echo
echo "== 4. /healthz during the storm (8 connections)"
wrk --latency -t1 -c8 -d5s "$base/healthz" | grep -E 'Requests/sec|^ +(50|90|99)%|Non-2xx|Socket errors'
wait $storm
echo
echo "(storm results)"
grep -E 'Requests/sec|^ +(50|90|99)%|Non-2xx|Socket errors' "$workdir/storm.txt"

fail_on_panic "$workdir/server.log"
