#!/usr/bin/env bash
# Tasks at scale: a workspace with TASKS tasks (100,000 by default, made by `server seed-demo`),
# then, beside a bare axum hello in the same run, wrk at CONNECTIONS connections on
#   - the filtered list of a project's tasks over the API (50 a page, status and label),
#   - the same list as a page (the server renders it for a signed-in person),
#   - task creation over the API (each request makes one task, its number, history and all).
# Prints requests/s, p99 and errors, and the server's memory; fails on any panic in its log.
#
#   bench/tasks.sh                                    # SQLite in a temporary directory
#   TASKS=20000 DURATION=30s DATABASE_URL=postgres://… bench/tasks.sh
#
# Needs `make build` first (target/release/server and target/site), wrk and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
tasks=${TASKS:-100000}
port=${PORT:-3310}
bare_port=$((port + 1))
workdir=$(mktemp -d /tmp/hearth-bench.XXXXXX)
database_url=${DATABASE_URL:-sqlite://$workdir/hearth.db}
base="http://127.0.0.1:$port"
password="copper kettle rain lantern"

[ -x target/release/server ] || { echo "build first: make build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --quiet --release --locked --manifest-path bench/bare/Cargo.toml --target-dir target/bench-bare

echo "Making $tasks demo tasks…"
started=$(date +%s)
DATABASE_URL=$database_url RUST_LOG=warn HEARTH_DEMO_PASSWORD=$password \
  target/release/server seed-demo --tasks "$tasks" >"$workdir/seed.log" 2>&1 ||
  { cat "$workdir/seed.log" >&2; exit 1; }
echo "  made in $(($(date +%s) - started)) s by seed-demo (one task at a time, through the service)"

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

token=$(curl -sf -H 'content-type: application/json' \
  -d "{\"email\":\"demo@example.com\",\"password\":\"$password\"}" "$base/api/v1/auth/login" | jq -r .access_token)
auth="authorization: Bearer $token"
workspace=$(curl -sf -H "$auth" "$base/api/v1/workspaces" | jq -r '.items[0].id')
project=$(curl -sf -H "$auth" "$base/api/v1/workspaces/$workspace/projects" | jq -r '.items[-1].id')
curl -sf -o /dev/null -D "$workdir/login.headers" \
  -H 'content-type: application/x-www-form-urlencoded' -H 'accept: text/html' \
  -H "origin: $base" -H 'sec-fetch-site: same-origin' -H "referer: $base/login" \
  --data-urlencode "email=demo@example.com" --data-urlencode "password=$password" \
  --data-urlencode "next=/dashboard" "$base/fn/log-in"
cookies=$(grep -iE '^set-cookie: hearth_(access|refresh)=' "$workdir/login.headers" | sed -E 's/^[^:]+: ([^;]*).*/\1/' | paste -sd ';' -)
[ -n "$cookies" ] || { echo "logging in through the form gave no session cookies" >&2; exit 1; }
# Two filters: one that fills its page, and one that matches nothing, which makes the database
# look at every task of the project that has the label before it can say so (the worst case).
list="/api/v1/projects/$project/tasks?status=in_progress&label=design&limit=50"
empty="/api/v1/projects/$project/tasks?status=todo&label=design&limit=50"
shown=$(curl -sf -H "$auth" "$base$list" | jq '.items | length')
none=$(curl -sf -H "$auth" "$base$empty" | jq '.items | length')
in_project=$(curl -sf -H "$auth" "$base/api/v1/projects/$project" | jq .open_tasks)
echo "  the project measured has $in_project open tasks; the filtered pages hold $shown and $none"

cat >"$workdir/create.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"title": "A task made by the benchmark", "priority": "low", "labels": ["bench"]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA

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

echo "Tasks against a bare axum hello, $(nproc) cores, $connections connections, $duration per run, database ${database_url%%:*}, $tasks tasks"
read -r bare_rps bare_p99 bare_errors < <(measure "http://127.0.0.1:$bare_port/")
printf '\n%-34s %12s %9s %9s  %s\n' target requests/s "of bare" p99 errors
printf '%-34s %12.0f %8s%% %9s  %s\n' "bare axum GET /" "$bare_rps" 100 "$bare_p99" "$bare_errors"
row() {
  local label=$1 path=$2
  shift 2
  local rps p99 errors
  read -r rps p99 errors < <(measure "$base$path" "$@")
  printf '%-34s %12.0f %8.1f%% %9s  %s\n' "$label" "$rps" "$(awk -v a="$rps" -v b="$bare_rps" 'BEGIN { print a * 100 / b }')" "$p99" "$errors"
}
row "GET tasks (API, 50, filtered)" "$list" -H "$auth"
row "GET /projects/…/list (page)" "/projects/$project/list?status=in_progress&label=design" -H 'Accept-Encoding: br' -H "cookie: $cookies"
row "GET tasks (API, no match)" "$empty" -H "$auth"
row "POST tasks (API, creates)" "/api/v1/projects/$project/tasks" -s "$workdir/create.lua"

printf '\nServer memory after the run: %s\n' "$(awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server/status")"

fail_on_panic "$workdir/server.log"
