#!/usr/bin/env bash
# CPU per saga of each container and of the load generator, at a steady rate: runs the load
# generator against a suite that is already up, and reads each container's CPU time from its
# cgroup over 40 s of the run (from 75 s on: after the generator's own 60 s warm-up, whose JIT
# compilers would otherwise share the cores with the suite inside the window; before the drain).
#
#   bench/cpu-per-saga.sh          # 200 orders/s
#   bench/cpu-per-saga.sh 400
#
# Prints two decimals: a change of 0.1 ms per saga (a few percent) is what the later steps in
# docs/benchmarks.md had to see, and it is only seen by comparing runs of one hour, side by side.
# Needs a rate the suite sustains (see bench/run.sh): otherwise the figures include the backlog.
# And a warm suite (bench/run.sh's warm-up, or minutes of traffic): a fresh one's compilers count.
set -euo pipefail

cd "$(dirname "$0")/.."
rate="${1:-200}"
window=40

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
[[ -x "$java" ]] || java=java

# shellcheck source=bench/container-cpu.sh
source bench/container-cpu.sh

# Committed transactions and, where pg_stat_statements is loaded, statements per database.
db_snapshot() {
  docker compose exec -T postgres psql -U postgres -AtF' ' -c "
    select d.datname, d.xact_commit,
           coalesce((select sum(calls) from pg_stat_statements s where s.dbid = d.datid), -1)
    from pg_stat_database d
    where d.datname in ('orders', 'inventory', 'payments', 'notifications') order by 1" 2>/dev/null \
  || docker compose exec -T postgres psql -U postgres -AtF' ' -c "
    select datname, xact_commit, -1 from pg_stat_database
    where datname in ('orders', 'inventory', 'payments', 'notifications') order by 1"
}

snapshot() {
  local name
  for name in $(docker ps --format '{{.Names}}' | sort); do
    echo "$name $(cpu_ns "$(docker inspect -f '{{.Id}}' "$name")")"
  done
}

# Clock ticks (utime + stime) of a process.
ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# shellcheck source=bench/addresses.sh
source bench/addresses.sh
read -r -a addresses <<<"$(generator_addresses)"
echo "== the generator reaches the suite at ${addresses[*]:-the published ports on localhost}"

out="$(mktemp)"
trap 'rm -f "$out" "$out".0 "$out".1 "$out".db0 "$out".db1' EXIT
"$java" -XX:+UseSerialGC -Xmx512m -jar load-generator/target/load-generator.jar \
  --warmup 60 --rate "$rate" --duration 60 --markdown none --out "$out.json" "${addresses[@]}" >"$out" 2>&1 &
generator=$!

sleep 75
snapshot >"$out.0"
db_snapshot >"$out.db0"
generator_before=$(ticks "$generator")
sleep "$window"
snapshot >"$out.1"
db_snapshot >"$out.db1"
generator_after=$(ticks "$generator")
hz=$(getconf CLK_TCK)

sagas=$((rate * window))
echo "== CPU per saga at $rate orders/s (over ${window} s, $sagas sagas)"
join "$out.0" "$out.1" | awk -v n="$sagas" '
  { ms = ($3 - $2) / 1e6 / n; total += ms; printf "%-40s %6.2f ms\n", $1, ms }
  END { printf "%-40s %6.2f ms\n", "all containers", total }'
awk -v t=$((generator_after - generator_before)) -v hz="$hz" -v n="$sagas" \
  'BEGIN { printf "%-40s %6.2f ms\n", "load generator", t * 1000 / hz / n }'

echo "== per saga and database: commits, statements (-1: pg_stat_statements not loaded)"
join "$out.db0" "$out.db1" | awk -v n="$sagas" '
  { st = ($3 < 0 || $5 < 0) ? -1 : ($5 - $3) / n
    printf "%-40s %6.2f commits %8.2f statements\n", $1, ($4 - $2) / n, st }'

status=0
wait "$generator" || status=$?
grep -E '^== |^ +(POST-to-terminal|backlog)' "$out" || true
if grep -q 'NOT sustainable' "$out"; then
  echo "!! ${rate}/s was not sustained (the line above says why): the CPU figures include the suite falling behind or stalling"
fi
rm -f "$out.json"
exit "$status"
