package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.endtoend.Invariants.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * Drill 5: records no service can process, produced onto each saga topic: text that is not JSON, an
 * event type nobody knows, and a known type without its event id (it fails in the consumer, after
 * deserialization, and is retried first). Each lands on its topic's dead-letter topic, and the
 * services go on with the records behind it: orders placed afterwards settle with every invariant
 * holding.
 */
class PoisonRecordDrillIntegrationTests {

  private static final List<String> TOPICS =
      List.of("order-events", "inventory-events", "payment-events");

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void sendsUnprocessableRecordsToTheDeadLetterTopicsAndKeepsProcessing() {
    Workload workload = Workload.create(shop, "poison");
    Map<String, Map<String, String>> poisonByTopic = new LinkedHashMap<>();
    TOPICS.forEach(topic -> poisonByTopic.put(topic, poison(topic)));

    Map<String, KafkaConsumer<String, String>> deadLetters = new LinkedHashMap<>();
    TOPICS.forEach(topic -> deadLetters.put(topic, KafkaTool.reader(topic + "-dlt")));
    try {
      poisonByTopic.forEach(KafkaTool::produce);

      Snapshot effects;
      try (StatusWatcher watcher = StatusWatcher.start(shop, workload);
          LoadDriver load = LoadDriver.start(shop, workload, 10)) {
        load.awaitMoreAccepted(20);
        load.close();
        effects = Invariants.check(suite, workload, watcher, Invariants.Mail.EXACTLY_ONCE);
      }
      assertThat(effects.statuses()).hasSizeGreaterThanOrEqualTo(20);

      poisonByTopic.forEach(
          (topic, poison) -> {
            Map<String, List<String>> dead = new HashMap<>();
            await("the poison records of " + topic + " on " + topic + "-dlt")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(
                    () -> {
                      KafkaTool.poll(deadLetters.get(topic))
                          .forEach(
                              (key, values) ->
                                  dead.computeIfAbsent(key, _ -> new ArrayList<>()).addAll(values));
                      assertThat(dead.keySet()).containsAll(poison.keySet());
                    });
            // The bytes that could not be read are kept as they were.
            poison.forEach(
                (key, value) -> {
                  if (value.equals("not json")) {
                    assertThat(dead.get(key)).containsOnly("not json");
                  }
                });
          });
    } finally {
      deadLetters.values().forEach(KafkaConsumer::close);
    }
  }

  /** Three records, each keyed by an id of its own, that the topic's consumers cannot process. */
  private static Map<String, String> poison(String topic) {
    String orderId = UUID.randomUUID().toString();
    Map<String, String> records = new LinkedHashMap<>();
    records.put(UUID.randomUUID().toString(), "not json");
    records.put(
        UUID.randomUUID().toString(),
        """
        {"type":"OrderTeleported","eventId":"%s","orderId":"%s","occurredAt":"2026-01-01T00:00:00Z"}\
        """
            .formatted(UUID.randomUUID(), orderId));
    records.put(UUID.randomUUID().toString(), knownTypeWithoutEventId(topic, orderId));
    return records;
  }

  /** An event the topic's consumers act on, without the event id their inboxes need. */
  private static String knownTypeWithoutEventId(String topic, String orderId) {
    String type =
        switch (topic) {
          case "order-events" -> "OrderCancelled";
          case "inventory-events" -> "StockReserved";
          default -> "PaymentCharged";
        };
    return """
        {"type":"%s","orderId":"%s","occurredAt":"2026-01-01T00:00:00Z"}\
        """
        .formatted(type, orderId);
  }
}
