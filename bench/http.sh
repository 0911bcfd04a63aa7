#!/usr/bin/env bash
# Throughput and latency of the release server on this machine, with wrk on loopback:
# /healthz (the router and middleware alone), / (server-side rendering), /readyz (one database
# round trip) and the brotli WASM bundle (static files). Bounded: each run lasts DURATION.
#
#   bench/http.sh                 # SQLite in a temporary directory
#   DATABASE_URL=postgres://… bench/http.sh
#
# Needs `make build` first (target/release/server and target/site) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
port=${PORT:-3300}
workdir=$(mktemp -d /tmp/hearth-bench.XXXXXX)
database_url=${DATABASE_URL:-sqlite://$workdir/hearth.db}

[ -x target/release/server ] || { echo "build first: make build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site DATABASE_URL=$database_url \
  RUST_LOG=warn target/release/server >"$workdir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$workdir"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

wasm=$(cd target/site/pkg && ls -- *.wasm | head -n 1)
echo "Hearth release server, $(nproc) cores, $connections connections, $duration per run, database ${database_url%%:*}"
for target in /healthz / /readyz "/pkg/$wasm"; do
  printf '\n== GET %s\n' "$target"
  wrk --latency -t2 -c"$connections" -d"$duration" -H 'Accept-Encoding: br' "http://127.0.0.1:$port$target" \
    | grep -E 'Requests/sec|Transfer/sec|^ +(50|90|99)%|Non-2xx|Socket errors'
done

fail_on_panic "$workdir/server.log"
