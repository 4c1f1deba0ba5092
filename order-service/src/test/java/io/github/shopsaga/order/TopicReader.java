package io.github.shopsaga.order;

import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning as a fresh consumer group, the way a downstream service would
 * see it. Call {@link #withKey} from an Awaitility block: each call polls once more.
 */
final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

  TopicReader(String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                InfrastructureContainers.kafkaContainer().getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** The records of the key seen so far, in topic order. */
  List<ConsumerRecord<String, String>> withKey(Object key) {
    consumer.poll(Duration.ofMillis(250)).forEach(seen::add);
    return seen.stream().filter(record -> key.toString().equals(record.key())).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
