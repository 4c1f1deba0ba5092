package io.github.shopsaga.messaging;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures how long an event takes from the commit that records it to the moment a consumer can
 * read it from the topic, under light load (one commit every 20 ms). Not part of the test suite;
 * run it with {@code ./mvnw -pl messaging test -Dtest=OutboxLatencyBenchmark}.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class OutboxLatencyBenchmark {

  private static final int EVENTS = 500;

  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;

  @Test
  void measuresCommitToTopicLatency() throws Exception {
    Map<String, Long> committedAt = new ConcurrentHashMap<>();
    Map<String, Long> consumedAt = new ConcurrentHashMap<>();
    String run = UUID.randomUUID().toString();

    try (var consumer = consumer()) {
      consumer.subscribe(List.of(OrderEvent.TOPIC));
      while (consumer.assignment().isEmpty()) {
        consumer.poll(Duration.ofMillis(100));
      }
      consumer.seekToEnd(consumer.assignment());
      consumer.poll(Duration.ofMillis(100));

      Thread producer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < EVENTS; i++) {
                      OrderPlaced event = event(run);
                      transactions.executeWithoutResult(_ -> outbox.publish(event));
                      committedAt.put(event.orderId().toString(), System.nanoTime());
                      pause(Duration.ofMillis(20));
                    }
                  });
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (consumedAt.size() < EVENTS && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(5))) {
          if (record.value().contains(run)) {
            consumedAt.put(record.key(), System.nanoTime());
          }
        }
      }
      producer.join();
    }

    long[] micros =
        consumedAt.entrySet().stream()
            .mapToLong(e -> (e.getValue() - committedAt.get(e.getKey())) / 1_000)
            .sorted()
            .toArray();
    System.out.printf(
        "%nOutbox commit-to-consumer latency over %d events at 50/s: p50 %.1f ms, p95 %.1f ms,"
            + " p99 %.1f ms, max %.1f ms (received %d of %d)%n%n",
        micros.length,
        percentile(micros, 50),
        percentile(micros, 95),
        percentile(micros, 99),
        micros[micros.length - 1] / 1000.0,
        consumedAt.size(),
        EVENTS);
  }

  private static double percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1000.0;
  }

  private static KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            InfrastructureContainers.kafkaContainer().getBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "latency-" + UUID.randomUUID(),
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            1),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static OrderPlaced event(String run) {
    return new OrderPlaced(
        UUID.randomUUID(),
        UUID.randomUUID(),
        Instant.now(),
        "bench",
        run + "@example.com",
        List.of(new OrderLine("MUG-1", 1)));
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
