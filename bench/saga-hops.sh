#!/usr/bin/env bash
# Where a saga's latency goes, hop by hop: reads the saga's three topics from the running compose
# suite and, for each confirmed order placed in the last SECONDS of placing (default 40, without
# its first and last 5 s), compares each event's occurredAt (when its service decided it) with
# the Kafka record's CreateTime (when the outbox publisher sent it). Run it right after a fixed-rate
# load-generator run, on a suite started for it (it reads the topics from the beginning).
#
#   java -jar load-generator/target/load-generator.jar --warmup 120@50 --rate 200 --duration 40 \
#     --markdown none && bench/saga-hops.sh 40
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${1:-40}"
dump="$(mktemp -d)"
trap 'rm -rf "$dump"' EXIT

for topic in order-events inventory-events payment-events; do
  docker compose exec -T kafka /opt/kafka/bin/kafka-console-consumer.sh \
    --bootstrap-server localhost:9092 --topic "$topic" --from-beginning --timeout-ms 15000 \
    --formatter-property print.timestamp=true --formatter-property print.key=true \
    --formatter-property key.separator='|' >"$dump/$topic.txt" 2>/dev/null || true
done

python3 - "$dump" "$seconds" <<'PY'
import collections, json, sys
from datetime import datetime, timezone

dump, seconds = sys.argv[1], float(sys.argv[2])
events = collections.defaultdict(dict)  # order id -> type -> (decided, sent), in seconds
for topic in ("order-events", "inventory-events", "payment-events"):
    for line in open(f"{dump}/{topic}.txt"):
        if not line.startswith("CreateTime:"):
            continue
        created, _key, body = line.rstrip("\n").split("|", 2)
        event = json.loads(body)
        decided = datetime.fromisoformat(event["occurredAt"].replace("Z", "+00:00")).timestamp()
        events[event["orderId"]][event["type"]] = (decided, int(created.split(":")[1]) / 1000)

placed = [e["OrderPlaced"][0] for e in events.values() if "OrderPlaced" in e]
if not placed:
    sys.exit("no OrderPlaced events: is the suite up, and did a run place orders?")
end = max(placed)
saga = ("OrderPlaced", "StockReserved", "PaymentCharged", "OrderConfirmed")
orders = [e for e in events.values()
          if all(t in e for t in saga) and end - seconds + 5 <= e["OrderPlaced"][0] <= end - 5]
if not orders:
    sys.exit("no confirmed order placed in the window")

def hop(name, measure):
    values = sorted(measure(e) * 1000 for e in orders)
    p50, p99 = values[len(values) // 2], values[int(len(values) * 0.99)]
    print(f"{name:54s} p50 {p50:6.1f} ms   p99 {p99:6.1f} ms")

def utc(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%H:%M:%S")

print(f"{len(orders)} confirmed orders placed from {utc(end - seconds + 5)} to {utc(end - 5)} UTC")
for i, kind in enumerate(saga):
    if i > 0:
        hop(f"  -> {kind} decided (broker, poll, batch)",
            lambda e, a=saga[i - 1], b=kind: e[b][0] - e[a][1])
    hop(f"{kind} decided -> sent (commit, hand-off, round)",
        lambda e, k=kind: e[k][1] - e[k][0])
hop("OrderPlaced decided -> OrderConfirmed decided",
    lambda e: e["OrderConfirmed"][0] - e["OrderPlaced"][0])
PY
