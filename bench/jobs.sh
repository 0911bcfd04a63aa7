#!/usr/bin/env bash
# How many background jobs per second the queue enqueues and completes on this machine, on
# SQLite (a temporary file) and on PostgreSQL (a throw-away server started here, as `make test`
# starts one), with handlers that do nothing: the queue's own cost. Then how long a letter
# takes from `mail::send` to a real SMTP sink (aiosmtpd, as `make test` starts it).
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
smtp_port=${SMTP_PORT:-55026}
trap '.ci/postgres stop "$pg_dir" >/dev/null 2>&1 || true; [ -n "${sink:-}" ] && kill "$sink"; rm -rf "$workdir"' EXIT

/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$workdir/maildir" \
  >"$workdir/sink.log" 2>&1 &
sink=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && break; sleep 0.1; done
export BENCH_SMTP_URL="smtp://127.0.0.1:$smtp_port" BENCH_MAILDIR="$workdir/maildir"

run() {
  cargo run --quiet --release -p app --features ssr --example jobs_throughput -- "$1" "$jobs"
}

run "sqlite://$workdir/hearth.db?mode=rwc"
admin=$(.ci/postgres start "$pg_dir" "$pg_port")
psql "$admin" -qc "CREATE DATABASE hearth_bench"
run "${admin%/*}/hearth_bench"
