#!/usr/bin/env bash
# How many background jobs per second the queue enqueues and completes on this machine, on
# SQLite (a temporary file) and on PostgreSQL (a throw-away server started here, as `make test`
# starts one), with handlers that do nothing: the queue's own cost.
#
#   bench/jobs.sh           # 2000 jobs on each engine
#   JOBS=10000 bench/jobs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${JOBS:-2000}
workdir=$(mktemp -d /tmp/hearth-bench-jobs.XXXXXX)
# A folder of its own, which .ci/postgres hands to the postgres user.
pg_dir=$(mktemp -d /tmp/hearth-bench-pg.XXXXXX)
pg_port=${PG_PORT:-55433}
trap '.ci/postgres stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$workdir"' EXIT

run() {
  cargo run --quiet --release -p app --features ssr --example jobs_throughput -- "$1" "$jobs"
}

run "sqlite://$workdir/hearth.db?mode=rwc"
admin=$(.ci/postgres start "$pg_dir" "$pg_port")
psql "$admin" -qc "CREATE DATABASE hearth_bench"
run "${admin%/*}/hearth_bench"
