#!/usr/bin/env bash
# CPU of PostgreSQL's processes over a window, grouped by what they are: the backends of each
# database, the autovacuum workers, the WAL writer, the checkpointer and so on. Where the
# container's CPU goes, without a profiler. Run it beside a load, e.g. bench/cpu-per-saga.sh 400.
#
#   bench/pg-cpu-by-process.sh          # 30 s
#   bench/pg-cpu-by-process.sh 20
#
# A process that starts within the window counts from zero; one that ends within it (a short
# autovacuum worker, a closed connection) is not seen, and shows as the difference to the
# container's own figure on the last line.
set -euo pipefail

cd "$(dirname "$0")/.."
window="${1:-30}"
container=$(docker compose ps -q postgres)
[[ -n "$container" ]] || { echo "PostgreSQL is not running (docker compose up first)" >&2; exit 1; }

# shellcheck source=bench/container-cpu.sh
source bench/container-cpu.sh

# One line per process: pid, what it is (from its title: "postgres: orders orders 172.18.0.10(…)
# idle" is a backend of orders, "postgres: autovacuum worker orders" a worker), clock ticks.
snapshot() {
  local pid stat title
  for pid in $(docker top "$container" -eo pid | tail -n +2); do
    stat=$(cat /proc/"$pid"/stat 2>/dev/null) || continue
    title=$(tr '\0' ' ' </proc/"$pid"/cmdline 2>/dev/null)
    echo "$pid $(awk '{ if ($1 != "postgres:") print "postmaster";
                        else if ($2 == "autovacuum" && $3 == "worker") print "autovacuum-worker";
                        else if ($4 ~ /\(/ || $4 == "[local]") print "backends-of-" $2;
                        else print $2 ($3 == "" ? "" : "-" $3) }' <<<"$title") \
      $(awk '{ print $12 + $13 }' <<<"${stat##*) }")"
  done
}

ticks=$(getconf CLK_TCK)
before=$(mktemp)
after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
start_ns=$(cpu_ns "$container")
snapshot >"$before"
sleep "$window"
snapshot >"$after"
end_ns=$(cpu_ns "$container")

echo "== PostgreSQL's CPU by process over $window s (ms of CPU per second)"
awk -v window="$window" -v ticks="$ticks" '
  NR == FNR { start[$1] = $3; next }
  { used[$2] += $3 - ($1 in start ? start[$1] : 0) }
  END { for (kind in used) printf "%8.1f  %s\n", used[kind] * 1000 / ticks / window, kind }' \
  "$before" "$after" | sort -rn
awk -v ns="$((end_ns - start_ns))" -v window="$window" \
  'BEGIN { printf "%8.1f  the container, all processes (those ended within the window too)\n", ns / 1e6 / window }'
