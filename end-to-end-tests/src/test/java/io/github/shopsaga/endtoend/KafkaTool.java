package io.github.shopsaga.endtoend;

import static org.awaitility.Awaitility.await;

import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What an operator does to the suite's Kafka from outside the services: rewind a consumer group,
 * watch its lag, write raw records onto a topic and read a dead-letter topic.
 */
final class KafkaTool {

  private KafkaTool() {}

  static String bootstrapServers() {
    return InfrastructureContainers.kafkaContainer().getBootstrapServers();
  }

  /**
   * Rewinds {@code group} to the beginning of every partition of {@code topics}, as {@code
   * kafka-consumer-groups --reset-offsets --to-earliest} does. The group must have no members: stop
   * its service gracefully first (retried while the broker still counts a leaving member).
   */
  static void rewind(String group, Collection<String> topics) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> earliest =
          offsets(admin, topics, OffsetSpec.earliest()).entrySet().stream()
              .collect(
                  Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
      await("offsets of " + group + " reset to earliest")
          .atMost(Duration.ofMinutes(1))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .untilAsserted(() -> admin.alterConsumerGroupOffsets(group, earliest).all().get());
    }
  }

  /** Records of {@code topics} that {@code group} has not yet committed: 0 when it caught up. */
  static long lag(String group, Collection<String> topics) {
    try (Admin admin = admin()) {
      Map<TopicPartition, Long> ends = offsets(admin, topics, OffsetSpec.latest());
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return ends.entrySet().stream()
          .mapToLong(
              end -> {
                OffsetAndMetadata at = committed.get(end.getKey());
                return end.getValue() - (at == null ? 0 : at.offset());
              })
          .sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes raw string records (key → value) onto {@code topic} and waits for the acks. */
  static void produce(String topic, Map<String, String> records) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (Map.Entry<String, String> record : records.entrySet()) {
        producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot produce onto " + topic, e);
    }
  }

  /** A reader of a topic from its beginning, in a group of its own. */
  static KafkaConsumer<String, String> reader(String topic) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "drill-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** Polls the reader once and returns the records' keys → values (all values per key). */
  static Map<String, List<String>> poll(KafkaConsumer<String, String> reader) {
    Map<String, List<String>> byKey = new HashMap<>();
    for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
      byKey.computeIfAbsent(record.key(), _ -> new ArrayList<>()).add(record.value());
    }
    return byKey;
  }

  private static Map<TopicPartition, Long> offsets(
      Admin admin, Collection<String> topics, OffsetSpec spec) {
    try {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get()
          .forEach(
              (topic, description) ->
                  description
                      .partitions()
                      .forEach(
                          partition ->
                              request.put(new TopicPartition(topic, partition.partition()), spec)));
      return admin.listOffsets(request).all().get().entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }
}
