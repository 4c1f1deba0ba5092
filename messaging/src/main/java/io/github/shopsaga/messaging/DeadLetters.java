package io.github.shopsaga.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.shopsaga.events.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Reads the dead-letter topics and re-drives their records, for an operator after a fix.
 *
 * <p>A replayed record goes back to the topic it came from, with its key, its value and its own
 * headers (the dead-letter ones dropped), so it lands on its order's partition behind whatever came
 * since. Replaying is idempotent: every consumer's inbox skips an event it applied before, so
 * replaying a record twice, or replaying all of a topic's dead letters when only some failed for
 * the consumer that was fixed, changes nothing more than replaying it once. (Within the inbox's
 * retention, {@code shop.messaging.inbox-retention}; past it the services' own unique keys apply.)
 * The dead-letter topic itself is left as it is: it is the record of what failed.
 */
public class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** The headers Spring Kafka's dead-letter recoverer adds; a replay drops them. */
  private static final String DEAD_LETTER_HEADER_PREFIX = "kafka_dlt-";

  /**
   * The headers of a failed deserialization (the recoverer removes them, but a replayed record must
   * never carry one, or its consumer would take it for unreadable).
   */
  private static final String DESERIALIZER_EXCEPTION_HEADER_PREFIX = "springDeserializerException";

  /**
   * One record of a dead-letter topic. {@code consumerGroup} is the group that gave it up: a record
   * that every group reading its topic fails on is there once per group.
   */
  public record DeadLetter(
      int partition,
      long offset,
      Instant deadLetteredAt,
      String key,
      String originalTopic,
      Integer originalPartition,
      Long originalOffset,
      String consumerGroup,
      String exception,
      String exceptionMessage,
      String rootCause,
      String value) {}

  /** A dead-letter topic: how many records it holds, and the newest of them, newest first. */
  public record Listing(String topic, long count, List<DeadLetter> newest) {}

  /** What a replay sent: each record's dead-letter position and where it went. */
  public record Replayed(String topic, String key, int fromPartition, long fromOffset) {}

  private final Map<String, Object> consumerProperties;
  private final Map<String, Object> producerProperties;

  /**
   * Takes the connection settings of the service's Kafka consumer and producer (bootstrap servers,
   * security); serializers, groups and offset commits are set here.
   */
  public DeadLetters(
      Map<String, Object> consumerProperties, Map<String, Object> producerProperties) {
    this.consumerProperties = new HashMap<>(consumerProperties);
    this.consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerProperties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumerProperties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.producerProperties = new HashMap<>(producerProperties);
    this.producerProperties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    this.producerProperties.put(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producerProperties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
  }

  /**
   * The dead letters of {@code topic} (a saga topic, for example {@code order-events}, or its
   * dead-letter topic {@code order-events-dlt}): their count and the newest {@code limit}.
   */
  public Listing list(String topic, int limit) {
    String deadLetterTopic = deadLetterTopic(topic);
    try (var consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long count = 0;
      List<DeadLetter> newest = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        long first = begin.get(partition);
        long last = end.get(partition);
        count += last - first;
        // Each partition's newest `limit` records; the newest `limit` of all are among them.
        long from = Math.max(first, last - limit);
        readRange(consumer, partition, from, last).forEach(record -> newest.add(describe(record)));
      }
      newest.sort(
          Comparator.comparing(DeadLetter::deadLetteredAt)
              .thenComparingLong(DeadLetter::offset)
              .reversed());
      return new Listing(
          deadLetterTopic, count, List.copyOf(newest.subList(0, Math.min(limit, newest.size()))));
    }
  }

  /**
   * Sends the record at {@code partition}/{@code offset} of the dead-letter topic back to its
   * topic; empty if there is no such record.
   */
  public Optional<Replayed> replay(String topic, int partition, long offset) {
    String deadLetterTopic = deadLetterTopic(topic);
    try (var consumer = consumer();
        var producer = producer()) {
      var topicPartition = new TopicPartition(deadLetterTopic, partition);
      if (!partitions(consumer, deadLetterTopic).contains(topicPartition)) {
        return Optional.empty();
      }
      long first = consumer.beginningOffsets(List.of(topicPartition), TIMEOUT).get(topicPartition);
      long end = consumer.endOffsets(List.of(topicPartition), TIMEOUT).get(topicPartition);
      if (offset < first || offset >= end) {
        return Optional.empty();
      }
      List<ConsumerRecord<byte[], byte[]>> found =
          readRange(consumer, topicPartition, offset, offset + 1);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      List<Replayed> replayed = send(producer, found);
      return Optional.of(replayed.getFirst());
    }
  }

  /** Sends every record of the dead-letter topic back to its topic, oldest first per partition. */
  public List<Replayed> replayAll(String topic) {
    String deadLetterTopic = deadLetterTopic(topic);
    try (var consumer = consumer();
        var producer = producer()) {
      List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<Replayed> replayed = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        replayed.addAll(
            send(
                producer,
                readRange(consumer, partition, begin.get(partition), end.get(partition))));
      }
      return replayed;
    }
  }

  /** The dead-letter topic of a saga topic; a dead-letter topic as given. */
  static String deadLetterTopic(String topic) {
    if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("not a topic name: " + topic);
    }
    return topic.endsWith(Topics.deadLetter("")) ? topic : Topics.deadLetter(topic);
  }

  private List<Replayed> send(
      KafkaProducer<byte[], byte[]> producer, List<ConsumerRecord<byte[], byte[]>> records) {
    List<Replayed> replayed = new ArrayList<>(records.size());
    List<Future<?>> sends = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      String target = originalTopic(record);
      var resent = new ProducerRecord<>(target, null, record.key(), record.value());
      for (Header header : record.headers()) {
        if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)
            && !header.key().startsWith(DESERIALIZER_EXCEPTION_HEADER_PREFIX)) {
          resent.headers().add(header);
        }
      }
      sends.add(producer.send(resent));
      replayed.add(new Replayed(target, text(record.key()), record.partition(), record.offset()));
    }
    producer.flush();
    for (var sent : sends) {
      try {
        sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while replaying dead letters", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the broker did not take a replayed dead letter", e);
      }
    }
    replayed.forEach(
        done ->
            log.info(
                "Replayed dead letter {} {}@{} (key {}) to {}",
                Topics.deadLetter(done.topic()),
                done.fromPartition(),
                done.fromOffset(),
                done.key(),
                done.topic()));
    return replayed;
  }

  private static List<ConsumerRecord<byte[], byte[]>> readRange(
      KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long from, long to) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    if (from >= to) {
      return records;
    }
    consumer.assign(List.of(partition));
    consumer.seek(partition, from);
    Instant deadline = Instant.now().plus(TIMEOUT);
    // The position passes `to` once every record before it was returned (or skipped, for
    // transaction markers).
    while (consumer.position(partition, TIMEOUT) < to && Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (record.offset() < to) {
          records.add(record);
        }
      }
    }
    return records;
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> consumer, String topic) {
    // Listed rather than asked for by name: asking for a topic that does not exist may create it,
    // and a request for an unknown topic must change nothing.
    Map<String, List<PartitionInfo>> topics = consumer.listTopics(TIMEOUT);
    return topics.getOrDefault(topic, List.of()).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .sorted(Comparator.comparingInt(TopicPartition::partition))
        .toList();
  }

  private static DeadLetter describe(ConsumerRecord<byte[], byte[]> record) {
    return new DeadLetter(
        record.partition(),
        record.offset(),
        Instant.ofEpochMilli(record.timestamp()),
        text(record.key()),
        originalTopic(record),
        header(record, KafkaHeaders.DLT_ORIGINAL_PARTITION)
            .filter(bytes -> bytes.remaining() == Integer.BYTES)
            .map(ByteBuffer::getInt)
            .orElse(null),
        header(record, KafkaHeaders.DLT_ORIGINAL_OFFSET)
            .filter(bytes -> bytes.remaining() == Long.BYTES)
            .map(ByteBuffer::getLong)
            .orElse(null),
        headerText(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
        headerText(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
        headerText(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
        rootCause(headerText(record, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)),
        text(record.value()));
  }

  /** The innermost "Caused by: ..." of a stack trace: what actually went wrong. */
  static String rootCause(String stackTrace) {
    if (stackTrace == null) {
      return null;
    }
    String cause = null;
    for (String line : stackTrace.lines().toList()) {
      if (line.startsWith("Caused by: ")) {
        cause = line.substring("Caused by: ".length());
      }
    }
    return cause;
  }

  private static String originalTopic(ConsumerRecord<byte[], byte[]> record) {
    String original = headerText(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
    if (original != null) {
      return original;
    }
    String suffix = Topics.deadLetter("");
    return record.topic().substring(0, record.topic().length() - suffix.length());
  }

  private static Optional<ByteBuffer> header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(ByteBuffer.wrap(header.value()));
  }

  private static String headerText(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, UTF_8);
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(consumerProperties);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(producerProperties);
  }
}
