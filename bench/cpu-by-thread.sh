#!/usr/bin/env bash
# CPU and context switches by thread of the services' JVMs (and Kafka's), grouped by thread name,
# over a window: where a container's CPU goes, without a profiler. Run it beside a load, e.g.
# bench/cpu-per-saga.sh 200. A thread that switches often for little CPU of its own (a timer woken
# per operation, a round trip per message) costs more than its CPU column shows: each switch is
# kernel time, in the thread that wakes it as well as in its own.
#
#   bench/cpu-by-thread.sh                  # 30 s, the four services and Kafka
#   bench/cpu-by-thread.sh 20 main-order-service-1
#
# Linux truncates thread names to 15 characters; numbered threads of one pool are summed.
set -euo pipefail

cd "$(dirname "$0")/.."
window="${1:-30}"
shift || true
containers=("$@")
if [[ ${#containers[@]} -eq 0 ]]; then
  mapfile -t containers < <(docker ps --format '{{.Names}}' | grep -E 'order-service|inventory-service|payment-service|notification-service|kafka' | sort)
fi

# One line per thread: container:thread-name clock-ticks (utime + stime) context-switches
# (voluntary + involuntary).
snapshot() {
  local container pid task stat switches
  for container in "${containers[@]}"; do
    pid=$(docker inspect -f '{{.State.Pid}}' "$container")
    for task in /proc/"$pid"/task/*; do
      stat=$(cat "$task/stat" 2>/dev/null) || continue
      switches=$(awk '/ctxt_switches/ { n += $2 } END { print n + 0 }' "$task/status" 2>/dev/null) \
        || continue
      echo "$container:${task##*/}:$(tr ' ' '_' <"$task/comm") $(awk '{ print $12 + $13 }' <<<"${stat##*) }") $switches"
    done
  done | sort
}

before="$(mktemp)"
after="$(mktemp)"
trap 'rm -f "$before" "$after"' EXIT
snapshot >"$before"
sleep "$window"
snapshot >"$after"

echo "== CPU (ms per second) and context switches (per second) by thread over ${window} s"
join "$before" "$after" | awk -v n="$window" -v hz="$(getconf CLK_TCK)" '
  {
    split($1, key, ":"); name = key[3]; sub(/-?[0-9]+$/, "", name)
    ms[key[1] "  " name] += ($4 - $2) * 1000 / hz / n
    sw[key[1] "  " name] += ($5 - $3) / n
  }
  END {
    for (k in ms) if (ms[k] >= 1 || sw[k] >= 50) printf "%8.1f ms %7.0f switches  %s\n", ms[k], sw[k], k
  }' | sort -rn
