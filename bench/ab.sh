#!/usr/bin/env bash
# An A/B of two variants of the suite, the way the steps of docs/benchmarks.md were measured: each
# run on a fresh suite (docker compose down -v; up), warmed up, then bench/cpu-per-saga.sh twice,
# the variants alternating A B B A so that the machine's drift within the hour falls on both.
# Compare the figures only with each other: another hour gives other numbers.
#
#   bench/ab.sh A B                         # one A B B A round
#   bench/ab.sh --rounds 2 --rate 400 A B
#   bench/ab.sh --warmup 240@150 shipped :prev
#
# A variant is one of:
#   shipped           docker-compose.yml as it is, with the images tagged latest
#   :TAG              the four services' images tagged TAG (shop-saga/order-service:TAG, ...),
#                     e.g. the previous build kept before a rebuild:
#                       for s in order inventory payment notification; do
#                         docker tag shop-saga/$s-service:latest shop-saga/$s-service:prev; done
#   FILE.yml          a compose file laid over docker-compose.yml (settings through environment
#                     variables, other images, ...)
#
# Prints each run's CPU per saga and latency, then one line per measurement to compare. A round
# takes about 35 minutes with the defaults; run nothing else meanwhile.
set -euo pipefail

cd "$(dirname "$0")/.."
rounds=1
rate=400
warmup=240@150
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[[ $# -eq 2 ]] || { echo "usage: bench/ab.sh [--rounds N] [--rate R] [--warmup S@R] A B" >&2; exit 2; }

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
[[ -x "$java" ]] || java=java
# shellcheck source=bench/addresses.sh
source bench/addresses.sh

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Sets COMPOSE_FILE for a variant (docker compose and the scripts it runs read it).
select_variant() {
  local variant="$1" service
  case "$variant" in
    shipped) export COMPOSE_FILE=docker-compose.yml ;;
    :*)
      {
        echo "services:"
        for service in order inventory payment notification; do
          docker image inspect "shop-saga/$service-service${variant}" >/dev/null 2>&1 \
            || { echo "no image shop-saga/$service-service${variant}" >&2; exit 2; }
          printf '  %s-service:\n    image: shop-saga/%s-service%s\n' "$service" "$service" "$variant"
        done
      } >"$work/tag-${variant#:}.yml"
      export COMPOSE_FILE="docker-compose.yml:$work/tag-${variant#:}.yml"
      ;;
    *.yml|*.yaml)
      [[ -r "$variant" ]] || { echo "no compose file $variant" >&2; exit 2; }
      export COMPOSE_FILE="docker-compose.yml:$(realpath "$variant")"
      ;;
    *) echo "unknown variant $variant (shipped, :TAG or FILE.yml)" >&2; exit 2 ;;
  esac
}

# One run: a fresh suite with the variant, the warm-up, two measurements.
run() {
  local variant="$1" n="$2" log="$work/run-$2.txt"
  select_variant "$variant"
  docker compose down -v >/dev/null 2>&1
  docker compose up -d --wait >/dev/null 2>&1 \
    || { echo "the suite did not start with $variant" >&2; docker compose ps >&2; exit 1; }
  echo "== run $n: $variant, $(date +%T), warm-up $warmup"
  read -r -a addresses <<<"$(generator_addresses)"
  "$java" -XX:+UseSerialGC -Xmx512m -jar load-generator/target/load-generator.jar \
    --warmup "$warmup" --rate "${warmup#*@}" --duration 5 --markdown none \
    --out "$work/warmup.json" "${addresses[@]}" 2>&1 | grep -E '^invariants' || true
  for measurement in 1 2; do
    bash bench/cpu-per-saga.sh "$rate" | grep -v '^== the generator' | tee "$log.$measurement"
    summary "$variant" "$log.$measurement" >>"$work/summary"
  done
}

# One line of a measurement: all containers, Mailpit, the suite without it, p50 / p99.
summary() {
  awk -v variant="$1" '
    $1 == "all" && $2 == "containers" { all = $3 }
    $1 ~ /mailpit/ { mailpit = $2 }
    $1 == "POST-to-terminal" { p50 = $3 " " $4; p99 = $9 " " $10 }
    END {
      printf "%-24s all %5.2f ms  Mailpit %4.2f ms  suite %5.2f ms  p50 %s  p99 %s\n",
        variant, all, mailpit, all - mailpit, p50, p99
    }' "$2"
}

n=0
for ((round = 1; round <= rounds; round++)); do
  for variant in "$1" "$2" "$2" "$1"; do
    n=$((n + 1))
    run "$variant" "$n"
  done
done
docker compose down -v >/dev/null 2>&1

echo "== CPU per saga at ${rate}/s, each variant on fresh suites (A B B A)"
cat "$work/summary"
