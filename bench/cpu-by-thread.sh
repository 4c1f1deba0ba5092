#!/usr/bin/env bash
# CPU by thread of the services' JVMs (and Kafka's), grouped by thread name, over a window: where a
# container's CPU goes, without a profiler. Run it beside a load, e.g. bench/cpu-per-saga.sh 200.
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

# One line per thread: container:thread-name clock-ticks (utime + stime).
snapshot() {
  local container pid task stat
  for container in "${containers[@]}"; do
    pid=$(docker inspect -f '{{.State.Pid}}' "$container")
    for task in /proc/"$pid"/task/*; do
      stat=$(cat "$task/stat" 2>/dev/null) || continue
      echo "$container:${task##*/}:$(tr ' ' '_' <"$task/comm") $(awk '{ print $12 + $13 }' <<<"${stat##*) }")"
    done
  done | sort
}

before="$(mktemp)"
after="$(mktemp)"
trap 'rm -f "$before" "$after"' EXIT
snapshot >"$before"
sleep "$window"
snapshot >"$after"

echo "== CPU by thread over ${window} s (ms of CPU per second)"
join "$before" "$after" | awk -v n="$window" -v hz="$(getconf CLK_TCK)" '
  {
    split($1, key, ":"); name = key[3]; sub(/-?[0-9]+$/, "", name)
    ms[key[1] "  " name] += ($3 - $2) * 1000 / hz / n
  }
  END { for (k in ms) if (ms[k] >= 1) printf "%8.1f  %s\n", ms[k], k }' | sort -rn
