#!/usr/bin/env bash
# How many checks per second the rate limiter answers, counters in the process and in a real
# Redis (Debian's redis-server, started here on a private port and stopped afterwards).
#   bench/limits.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_REDIS_PORT:-56390}
workdir=$(mktemp -d /tmp/hearth-bench-redis.XXXXXX)
command -v redis-server >/dev/null || { echo "redis-server is missing: make setup-test" >&2; exit 1; }
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$workdir/redis.pid" --logfile "$workdir/redis.log"
trap 'kill "$(cat "$workdir/redis.pid")" 2>/dev/null; rm -rf "$workdir"' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

cargo build --quiet --release -p app --features ssr --example limiter_throughput
target/release/examples/limiter_throughput
target/release/examples/limiter_throughput "redis://127.0.0.1:$port"
