#!/usr/bin/env bash
# Starts the whole suite with docker compose, runs the saga benchmark against it, records each
# container's memory/CPU and each service's time to ready, then tears the suite down.
#
#   bench/run.sh                      # build, start, warm up 240 s at 150/s, ramp 100, 200, ... 1200 orders/s
#                                     # (stops at the first clearly overloaded step), tear down
#   bench/run.sh --keep               # leave the suite running afterwards
#   bench/run.sh --scale 2            # N instances of every service behind the gateway
#                                     # (docker-compose.scale.yml; the same host ports)
#   bench/run.sh --no-build -- --warmup 240@150 --ramp 200:1000:100:20
#                                     # everything after -- goes to the load generator
#
# A suite that is already up (order-service healthy on :8080) is reused and left running.
set -euo pipefail

cd "$(dirname "$0")/.."

keep=false
build=true
scale=1
generator_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) keep=true ;;
    --no-build) build=false ;;
    --scale) scale="$2"; shift ;;
    --) shift; generator_args=("$@"); break ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if [[ ${#generator_args[@]} -eq 0 ]]; then
  # Four minutes at 150/s first (36,000 orders): the C2 compilers of four fresh JVMs compile
  # for as long as methods keep reaching their thresholds, and after the former 150 s at 50/s
  # they still took a fifth of the two cores at the ramp's 200/s step (docs/benchmarks.md,
  # "The JIT's warm-up, and the ladder on a warm suite"). A fresh suite takes 150/s at once.
  # The ramp goes on to 1,200/s so that it ends where the suite breaks: since 2026-12-07 some
  # ladders held 800/s, the former top, and showed no knee.
  generator_args=(--warmup 240@150 --ramp 100:1200:100:30)
fi

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
[[ -x "$java" ]] || java=java

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  compose=(docker-compose)
fi

timestamp="$(date -u +%Y%m%d-%H%M%S)"
results=bench-results
mkdir -p "$results"
stats_file="$results/$timestamp-docker-stats.txt"

healthy() {
  curl -fsS --max-time 2 "http://localhost:$1/actuator/health" 2>/dev/null | grep -q '"status":"UP"'
}

services=(order-service inventory-service payment-service notification-service auth-server)
ports=(8080 8081 8082 8083 9000)
scale_args=()
if ((scale > 1)); then
  # The health checks below then reach one instance of each service through the gateway; every
  # instance is healthy before `up --wait` returns.
  export COMPOSE_FILE=docker-compose.yml:docker-compose.scale.yml
  for service in order-service inventory-service payment-service notification-service; do
    scale_args+=(--scale "$service=$scale")
  done
fi

all_healthy() {
  local port
  for port in "${ports[@]}"; do
    healthy "$port" || return 1
  done
}

started_here=false
stats_pid=""
cleanup() {
  if [[ -n "$stats_pid" ]]; then
    kill "$stats_pid" 2>/dev/null || true
  fi
  if $started_here && ! $keep; then
    echo "== tearing the suite down"
    "${compose[@]}" down -v
  fi
}
trap cleanup EXIT

if $build; then
  echo "== building the jars"
  ./mvnw -B -q package -DskipTests
fi

if all_healthy; then
  echo "== the suite is already up: reusing it (and leaving it running)"
else
  echo "== starting the suite"
  started_here=true
  if ! "${compose[@]}" up -d --build --wait "${scale_args[@]}" 2>/dev/null; then
    # docker-compose 1.x has no --wait: start, then poll the health endpoints.
    "${compose[@]}" up -d --build "${scale_args[@]}"
  fi
  for _ in $(seq 1 120); do
    all_healthy && break
    sleep 2
  done
  all_healthy || { echo "the services did not become healthy" >&2; "${compose[@]}" ps >&2; exit 1; }
fi

started_line() {
  local line
  line="$("${compose[@]}" logs --no-color "$1" 2>/dev/null | grep -E 'Started [A-Za-z]+ in [0-9.]+ seconds' | tail -1 || true)"
  if [[ -n "$line" ]]; then
    echo "$1: $(sed -E 's/.*(Started [A-Za-z]+ in [0-9.]+ seconds[^)]*\)?).*/\1/' <<<"$line")"
  else
    echo "$1: no 'Started ... in X seconds' line in its log"
  fi
}

echo "== time to ready (from the services' logs)"
for service in "${services[@]}"; do
  started_line "$service"
done

# Waits (up to a minute) until the machine is quiet: less than 15% of its CPU busy over a second.
# Right after the suite starts, the other JVMs' JIT compilers and Kafka's start-up are still busy;
# a service restarted then shares the cores with them, and its start measures their warm-up too.
wait_until_quiet() {
  local before after busy
  for _ in $(seq 1 60); do
    read -ra before </proc/stat
    sleep 1
    read -ra after </proc/stat
    local total=0 idle i
    for i in 1 2 3 4 5 6 7 8; do
      total=$((total + after[i] - before[i]))
    done
    idle=$((after[4] - before[4] + after[5] - before[5]))
    busy=$((100 * (total - idle) / total))
    ((busy < 15)) && return 0
  done
  echo "(the machine stayed ${busy}% busy; measuring anyway)"
}

if $started_here && ((scale == 1)); then
  # All started at once above, competing for the cores; this is each one's own start.
  echo "== time to ready, each service restarted alone while the others idle"
  for i in "${!services[@]}"; do
    wait_until_quiet
    "${compose[@]}" restart "${services[$i]}" >/dev/null 2>&1
    for _ in $(seq 1 60); do
      healthy "${ports[$i]}" && break
      sleep 1
    done
    started_line "${services[$i]}"
  done
fi

containers=$("${compose[@]}" ps -q)
# Samples docker stats every 5 s while the benchmark runs (each sample takes ~2 s itself).
(
  while true; do
    echo "# $(date -u +%H:%M:%S)"
    # shellcheck disable=SC2086
    docker stats --no-stream --format '{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}' $containers
    sleep 5
  done
) >"$stats_file" 2>/dev/null &
stats_pid=$!

# shellcheck source=bench/addresses.sh
source bench/addresses.sh
read -r -a addresses <<<"$(generator_addresses)"
echo "== running: load-generator ${addresses[*]} ${generator_args[*]}"
status=0
"$java" -XX:+UseSerialGC -Xmx512m -jar load-generator/target/load-generator.jar \
  --out "$results/$timestamp.json" "${addresses[@]}" "${generator_args[@]}" || status=$?

kill "$stats_pid" 2>/dev/null || true
stats_pid=""

echo "== containers during the run (from $stats_file): peak CPU, peak memory, last memory"
awk -F'\t' '
  function mib(s,   v) {
    v = s; sub(/ \/.*/, "", v)
    if (v ~ /GiB$/) return v * 1024
    if (v ~ /MiB$/) return v + 0
    if (v ~ /kB$/ || v ~ /KiB$/) return v / 1024
    return v + 0
  }
  /^#/ { next }
  NF >= 3 {
    cpu = $2; sub(/%/, "", cpu)
    if (cpu + 0 > peakcpu[$1]) peakcpu[$1] = cpu + 0
    m = mib($3); if (m > peakmem[$1]) peakmem[$1] = m
    last[$1] = $3
  }
  END { for (c in last) printf "%-40s cpu peak %6.1f%%  mem peak %7.1f MiB  last %s\n", c, peakcpu[c], peakmem[c], last[c] }
' "$stats_file" | sort

exit "$status"
