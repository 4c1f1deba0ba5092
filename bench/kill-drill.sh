#!/usr/bin/env bash
# How long a service's crash (or replacement) holds up the sagas, on the compose stack as shipped.
#
#   bash bench/kill-drill.sh [SERVICE] [kill|recreate] [RATE]
#
# Starts a fresh suite (docker compose down -v; up), runs the load generator at RATE orders/s
# (default 20) for 120 s, and 45 s in: `kill` SIGKILLs the service's JVM (default
# inventory-service), which Docker's restart policy starts again in the same container;
# `recreate` replaces its container (docker compose up -d --force-recreate), as a redeploy does.
# Prints the generator's summary (the longest POST-to-terminal is the stall), its invariant check,
# and when the service's new process started and got its partitions back. Needs the jars and
# images built (./mvnw -B package -DskipTests && docker compose build). Nothing else should run.
set -euo pipefail

cd "$(dirname "$0")/.."
service="${1:-inventory-service}"
mode="${2:-kill}"
rate="${3:-20}"
case "$mode" in kill | recreate) ;; *) echo "mode: kill or recreate, not $mode" >&2; exit 2 ;; esac

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
[[ -x "$java" ]] || java=java

docker compose down -v >/dev/null 2>&1
docker compose up -d >/dev/null 2>&1
for port in 8080 8081 8082 8083 9000; do
  for _ in $(seq 180); do
    curl -fsS --max-time 2 "http://localhost:$port/actuator/health" >/dev/null 2>&1 && break
    sleep 1
  done
done
sleep 20 # the start-up's compilation settles

out="$(mktemp)"
trap 'rm -f "$out" "$out.json"' EXIT
"$java" -XX:+UseSerialGC -Xmx512m -jar load-generator/target/load-generator.jar \
  --warmup 5 --rate "$rate" --duration 120 --markdown none --out "$out.json" >"$out" 2>&1 &
generator=$!
sleep 45
container="$(docker compose ps -q "$service")"
if [[ "$mode" == kill ]]; then
  echo "== $(date -u +%T) SIGKILL to $service's JVM (restarted in its container by Docker)"
  kill -9 "$(docker inspect -f '{{.State.Pid}}' "$container")"
else
  echo "== $(date -u +%T) $service's container replaced"
  docker compose up -d --force-recreate --no-deps "$service" >/dev/null 2>&1
fi
wait "$generator" || true
grep -E '^== [0-9]|POST-to-terminal|HTTP errors|^invariants' "$out"
echo "== $service after the $mode (UTC):"
docker compose logs --no-log-prefix "$service" 2>&1 \
  | grep -E 'Started [A-Za-z]+Application|partitions assigned' | tail -2 \
  | sed -E 's/.*([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+)Z .*(Started [A-Za-z]+Application|partitions assigned).*/\1  \2/'
