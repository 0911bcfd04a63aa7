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
