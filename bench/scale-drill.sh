#!/usr/bin/env bash
# Two of every service under load, and one instance of each SIGKILLed for good in turn, on the
# scaled-out compose stack (docker-compose.scale.yml, behind the gateway).
#
#   bash bench/scale-drill.sh [RATE] [SESSION_MS]
#
# Starts a fresh suite with two containers of order-, inventory-, payment- and notification-service,
# warms it up (90 s at 25 orders/s: ten fresh JVMs share the cores with their compilers), runs the
# load generator at RATE orders/s (default 50) for 150 s, and 40, 60, 80 and 100 s in SIGKILLs one
# container of each of them in turn (`docker kill`: the restart policy leaves a killed
# container down, so the other instance must take over). SESSION_MS sets the consumers' Kafka
# session for this run (default: the services' own, 6 s; the heartbeat is a third of it).
# Prints the generator's summary and invariant check, then from the orders database: the longest
# gap between two orders reaching their outcome after the first kill, the longest saga, and how
# many timed out. Needs the jars and images built (./mvnw -B package -DskipTests && COMPOSE_FILE=...
# docker compose build). Nothing else should run.
set -euo pipefail

cd "$(dirname "$0")/.."
rate="${1:-50}"
session="${2:-}"
services=(order-service inventory-service payment-service notification-service)

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
[[ -x "$java" ]] || java=java

out="$(mktemp)"
session_file="$(mktemp --suffix=.yml)"
trap 'rm -f "$out" "$out.json" "$session_file"' EXIT
export COMPOSE_FILE=docker-compose.yml:docker-compose.scale.yml
if [[ -n "$session" ]]; then
  echo "services:" >"$session_file"
  for service in "${services[@]}"; do
    cat >>"$session_file" <<YAML
  $service:
    environment:
      SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS: "$session"
      SPRING_KAFKA_CONSUMER_PROPERTIES_HEARTBEAT_INTERVAL_MS: "$((session / 3))"
YAML
  done
  COMPOSE_FILE="$COMPOSE_FILE:$session_file"
fi
scale_args=()
for service in "${services[@]}"; do
  scale_args+=(--scale "$service=2")
done

docker compose down -v >/dev/null 2>&1
docker compose up -d --wait "${scale_args[@]}" >/dev/null 2>&1
sleep 20 # the start-up's compilation settles

"$java" -XX:+UseSerialGC -Xmx512m -jar load-generator/target/load-generator.jar \
  --warmup 90@25 --rate "$rate" --duration 150 --markdown none --out "$out.json" >"$out" 2>&1 &
generator=$!
sleep $((90 + 40))
first_kill="$(date -u +%FT%T.%3NZ)"
for service in "${services[@]}"; do
  victim="$(docker compose ps -q "$service" | head -1)"
  echo "== $(date -u +%T.%3N) SIGKILL to $(docker inspect -f '{{.Name}}' "$victim" | tr -d /)"
  docker kill "$victim" >/dev/null
  sleep 20
done
wait "$generator" || true
grep -E '^== [0-9]|POST-to-terminal|POST answered|HTTP errors|^invariants' "$out"
echo "== from the orders database, after the first kill ($first_kill)"
docker compose exec -T postgres psql -U postgres -d orders -At -F' ' -c "
  with outcome as (
    select created_at, updated_at, failure_reason from orders
    where status not in ('PENDING', 'AWAITING_PAYMENT') and updated_at >= '$first_kill'),
  gaps as (select updated_at - lag(updated_at) over (order by updated_at) as gap from outcome)
  select 'outcomes', count(*),
         '| longest gap between two outcomes', round(extract(epoch from (select max(gap) from gaps))::numeric, 1), 's',
         '| longest saga', round(extract(epoch from max(updated_at - created_at))::numeric, 1), 's',
         '| TIMED_OUT', count(*) filter (where failure_reason = 'TIMED_OUT')
  from outcome"
