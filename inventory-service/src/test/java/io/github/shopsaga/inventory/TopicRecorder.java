package io.github.shopsaga.inventory;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.messaging.EventJson;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning, as a client of the service would. Tests share the topics, so
 * they look only at the records keyed by their own order ids. Use from the test thread only.
 */
final class TopicRecorder implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

  TopicRecorder(String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                InfrastructureContainers.kafkaContainer().getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** The values of the records with this key seen so far. */
  List<String> values(String key) {
    return records(key).stream().map(ConsumerRecord::value).toList();
  }

  /** The records with this key seen so far, headers included. */
  List<ConsumerRecord<String, String>> records(String key) {
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return records.stream().filter(r -> key.equals(r.key())).toList();
  }

  /** The inventory events about this order seen so far, in the order they were published. */
  List<InventoryEvent> events(UUID orderId) {
    return values(orderId.toString()).stream()
        .map(json -> (InventoryEvent) EventJson.read(json))
        .toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
