# Shared by the bench scripts (sourced, not run).

# Fails the run when the server's log holds a panic, even when every response was fine (one in
# a background task of the server, say).
#   fail_on_panic LOG
fail_on_panic() {
  local log=$1
  if grep -q ' panicked at ' "$log"; then
    printf '\nThe server panicked %s time(s) under load:\n' "$(grep -c ' panicked at ' "$log")" >&2
    grep -m 5 -A 1 ' panicked at ' "$log" >&2
    exit 1
  fi
}

# Prints what it costs this machine to hand work from one thread to another and back, on one
# CPU and across two (perf's pipe ping-pong between two threads), when perf and taskset are
# there. A request that waits on another thread (sqlx runs each SQLite connection on a thread
# of its own) pays this every time, while a bare "hello" pays it almost never, so the shares
# below move with it from machine to machine: on the 2-vCPU virtual machine Hearth is built on
# (December 2026) the round trip measured 62-76 µs across CPUs against 2.1 µs on one CPU.
#   print_handoff_cost
print_handoff_cost() {
  command -v perf >/dev/null && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ] || return 0
  local one across
  one=$(taskset -c 0 perf bench sched pipe -l 20000 -T 2>/dev/null | awk '/usecs\/op/ { print $1 }')
  across=$(perf bench sched pipe -l 20000 -T 2>/dev/null | awk '/usecs\/op/ { print $1 }')
  [ -n "$one" ] && [ -n "$across" ] || return 0
  printf 'Thread hand-off and back on this machine: %.1f µs on one CPU, %.1f µs across CPUs\n' "$one" "$across"
}

# Every request of a benchmark comes from one address, wrk's: with the limits per client address
# as deployed, nearly all of them would be answered 429. The limiter still counts every request
# (what it costs is part of what is measured); it only never says no.
export HEARTH_LIMIT_LOGIN_PER_ADDRESS=1000000000/1s
export HEARTH_LIMIT_REGISTRATION_PER_ADDRESS=1000000000/1s
export HEARTH_LIMIT_MAIL_PER_ADDRESS=1000000000/1s
export HEARTH_LIMIT_PASSWORD_PER_ADDRESS=1000000000/1s
export HEARTH_LIMIT_API_PER_ADDRESS=1000000000/1s
