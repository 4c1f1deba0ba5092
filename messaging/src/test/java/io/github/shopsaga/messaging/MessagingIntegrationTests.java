package io.github.shopsaga.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.Topics;
import io.github.shopsaga.messaging.MessagingTestApplication.OrderEventsRecorder;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(
    classes = MessagingTestApplication.class,
    properties = {"shop.messaging.retry-initial-interval=50ms"})
class MessagingIntegrationTests {

  @Autowired Outbox outbox;
  @Autowired OutboxPublisher publisher;
  @Autowired Inbox inbox;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<Object, Object> kafka;
  @Autowired OrderEventsRecorder recorder;
  @Autowired KafkaHealthIndicator kafkaHealth;
  @Autowired MeterRegistry meters;
  @Autowired KafkaListenerEndpointRegistry listeners;

  private KafkaConsumer<String, byte[]> consumer;

  @BeforeEach
  void subscribe() {
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
            new ByteArrayDeserializer());
    consumer.subscribe(
        List.of(OrderEvent.TOPIC, Topics.deadLetter(OrderEvent.TOPIC), "other-topic"));
  }

  @AfterEach
  void close() {
    consumer.close();
  }

  @Test
  void publishesARecordedEventRightAfterCommitKeyedByOrderId() {
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");

    transactions.executeWithoutResult(_ -> outbox.publish(placed));

    ConsumerRecord<String, byte[]> record =
        awaitRecords(OrderEvent.TOPIC, placed.orderId(), 1).getFirst();
    assertThat(record.key()).isEqualTo(placed.orderId().toString());
    assertThat(EventJson.read(new String(record.value(), StandardCharsets.UTF_8)))
        .isEqualTo(placed);
    await().until(() -> outboxRows(placed.orderId()) == 0);
    assertThat(new String(record.headers().lastHeader("traceparent").value(), UTF_8))
        .isEqualTo(MessagingTestApplication.TRACEPARENT);
    assertThat(meters.get("shop.outbox.publish.lag").timer().count()).isPositive();
    assertThat(meters.get("shop.outbox.backlog").gauge().value()).isNotNegative();
  }

  @Test
  void publishesNothingWhenTheTransactionRollsBack() {
    OrderPlaced rolledBack = placed(UUID.randomUUID(), "alice");
    OrderPlaced committed = placed(UUID.randomUUID(), "alice");

    transactions.executeWithoutResult(
        status -> {
          outbox.publish(rolledBack);
          status.setRollbackOnly();
        });
    transactions.executeWithoutResult(_ -> outbox.publish(committed));

    awaitRecords(OrderEvent.TOPIC, committed.orderId(), 1);
    assertThat(pollFor(OrderEvent.TOPIC, rolledBack.orderId(), Duration.ofSeconds(1))).isEmpty();
    assertThat(outboxRows(rolledBack.orderId())).isZero();
  }

  @Test
  void refusesToRecordAnEventOutsideATransaction() {
    assertThatThrownBy(() -> outbox.publish(placed(UUID.randomUUID(), "alice")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transaction");
  }

  @Test
  void keepsTheEventsOfOneOrderInTheOrderTheyWereCommitted() {
    UUID orderId = UUID.randomUUID();
    List<UUID> committed = new ArrayList<>();

    for (int i = 0; i < 50; i++) {
      OrderPlaced event = placed(orderId, "customer-" + i);
      committed.add(event.eventId());
      transactions.executeWithoutResult(_ -> outbox.publish(event));
    }

    List<UUID> published =
        awaitRecords(OrderEvent.TOPIC, orderId, 50).stream()
            .map(r -> EventJson.read(new String(r.value(), StandardCharsets.UTF_8)).eventId())
            .toList();
    assertThat(published).containsExactlyElementsOf(committed);
  }

  @Test
  void keepsEventsThroughABrokerOutageAndPublishesThemWhenItReturns() {
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");
    var kafkaContainer = InfrastructureContainers.kafkaContainer();
    var docker = kafkaContainer.getDockerClient();

    assertThat(kafkaHealth.health(true).getStatus()).isEqualTo(Status.UP);
    docker.pauseContainerCmd(kafkaContainer.getContainerId()).exec();
    try {
      assertThat(kafkaHealth.health(true).getStatus()).isEqualTo(Status.DOWN);
      transactions.executeWithoutResult(_ -> outbox.publish(placed));
      // The broker does not answer: the publisher fails the batch and the row stays.
      await()
          .during(Duration.ofSeconds(6))
          .atMost(Duration.ofSeconds(10))
          .until(() -> outboxRows(placed.orderId()) == 1);
    } finally {
      docker.unpauseContainerCmd(kafkaContainer.getContainerId()).exec();
    }

    awaitRecords(OrderEvent.TOPIC, placed.orderId(), 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(placed.orderId()) == 0);
  }

  @Test
  void publishesLeftoverRowsOfACrashedInstance() {
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");
    // A row committed by a process that died before publishing: nobody wakes the publisher.
    jdbc.sql("insert into outbox (topic, record_key, event_type, payload) values (?, ?, ?, ?)")
        .params(placed.topic(), placed.orderId().toString(), placed.type(), EventJson.write(placed))
        .update();

    awaitRecords(OrderEvent.TOPIC, placed.orderId(), 1);
  }

  @Test
  void appliesARedeliveredEventOnce() {
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");
    AtomicInteger effects = new AtomicInteger();

    boolean first = inbox.processOnce(placed, _ -> effects.incrementAndGet());
    boolean second = inbox.processOnce(placed, _ -> effects.incrementAndGet());

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(effects).hasValue(1);
  }

  @Test
  void forgetsAFailedAttemptSoTheRetryAppliesTheEvent() {
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");

    assertThatThrownBy(
            () ->
                inbox.processOnce(
                    placed,
                    _ -> {
                      throw new IllegalStateException("database hiccup");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(inbox.processOnce(placed, _ -> {})).isTrue();
  }

  @Test
  void skipsTheEventsAListenerDoesNotActOnWithoutRecordingThem() {
    OrderPlaced skipped = placed(UUID.randomUUID(), "alice");
    OrderPlaced actedOn = placed(UUID.randomUUID(), "bob");
    List<OrderEvent> effects = new ArrayList<>();

    inbox.processAll(
        List.of(record(skipped, 0), record(actedOn, 1)),
        OrderEvent.class,
        event -> event.customerId().equals("bob"),
        effects::add);

    assertThat(effects).containsExactly(actedOn);
    assertThat(isRecordedAsProcessed(skipped)).isFalse();
    assertThat(isRecordedAsProcessed(actedOn)).isTrue();
  }

  @Test
  void consumesEachEventOnceThroughTheListenerEvenWhenDeliveredTwice() {
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");

    kafka.send(OrderEvent.TOPIC, placed.orderId().toString(), placed);
    kafka.send(OrderEvent.TOPIC, placed.orderId().toString(), placed);
    OrderPlaced next = placed(placed.orderId(), "bob");
    kafka.send(OrderEvent.TOPIC, next.orderId().toString(), next);

    await().until(() -> applied(placed.orderId()).size() == 2);
    assertThat(applied(placed.orderId())).containsExactly(placed, next);
  }

  @Test
  void commitsTheListenersOffsetsOnceASecondRatherThanAfterEveryPoll() throws Exception {
    assertThat(listeners.getListenerContainers())
        .isNotEmpty()
        .allSatisfy(
            container ->
                assertThat(container.getContainerProperties().getAckMode())
                    .isEqualTo(AckMode.TIME));
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");

    RecordMetadata sent =
        kafka.send(OrderEvent.TOPIC, placed.orderId().toString(), placed).get().getRecordMetadata();

    await().until(() -> applied(placed.orderId()).contains(placed));
    var partition = new TopicPartition(sent.topic(), sent.partition());
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                InfrastructureContainers.kafkaContainer().getBootstrapServers()))) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                OffsetAndMetadata committed =
                    admin
                        .listConsumerGroupOffsets("messaging-tests")
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > sent.offset();
              });
    }
  }

  @Test
  void sendsAnUnreadableRecordToTheDeadLetterTopicAndKeepsConsuming() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced after = placed(orderId, "alice");

    kafka.send(OrderEvent.TOPIC, orderId.toString(), "not json at all");
    kafka.send(
        OrderEvent.TOPIC,
        orderId.toString(),
        """
        {"type":"OrderTeleported","eventId":"%s"}"""
            .formatted(UUID.randomUUID()));
    kafka.send(OrderEvent.TOPIC, orderId.toString(), after);

    List<ConsumerRecord<String, byte[]>> dead =
        awaitRecords(Topics.deadLetter(OrderEvent.TOPIC), orderId, 2);
    assertThat(new String(dead.getFirst().value(), StandardCharsets.UTF_8))
        .isEqualTo("not json at all");
    assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).contains("OrderTeleported");
    await().until(() -> applied(orderId).contains(after));
  }

  @Test
  void sendsARecordThatKeepsFailingToTheDeadLetterTopicAfterRetries() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced failing = placed(orderId, MessagingTestApplication.FAILING_CUSTOMER);
    OrderPlaced after = placed(orderId, "alice");

    kafka.send(OrderEvent.TOPIC, orderId.toString(), failing);
    kafka.send(OrderEvent.TOPIC, orderId.toString(), after);

    ConsumerRecord<String, byte[]> dead =
        awaitRecords(Topics.deadLetter(OrderEvent.TOPIC), orderId, 1).getFirst();
    assertThat(EventJson.read(new String(dead.value(), StandardCharsets.UTF_8))).isEqualTo(failing);
    assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
    await().until(() -> applied(orderId).contains(after));
    assertThat(applied(orderId)).doesNotContain(failing);
    assertThat(
            meters
                .get("shop.messaging.dead.letters")
                .tag("topic", OrderEvent.TOPIC)
                .counter()
                .count())
        .isPositive();
    assertThat(
            meters
                .get("shop.messaging.dead.letters")
                .tag("topic", OrderEvent.TOPIC)
                .counter()
                .count())
        .isPositive();
  }

  @Test
  void retriesThroughADatabaseOutageInsteadOfGivingTheEventUp() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced placed = placed(orderId, MessagingTestApplication.DATABASE_HICCUP_CUSTOMER);

    kafka.send(OrderEvent.TOPIC, orderId.toString(), placed);

    // More failures than the bounded retries allow, yet the event is applied, not dead-lettered.
    await().atMost(Duration.ofSeconds(60)).until(() -> applied(orderId).contains(placed));
    assertThat(recorder.attempts.get(placed.eventId())).isEqualTo(7);
    assertThat(pollFor(Topics.deadLetter(OrderEvent.TOPIC), orderId, Duration.ofSeconds(1)))
        .isEmpty();
  }

  private List<OrderEvent> applied(UUID orderId) {
    return recorder.applied.stream().filter(e -> e.orderId().equals(orderId)).toList();
  }

  private boolean isRecordedAsProcessed(SagaEvent event) {
    return jdbc.sql("select count(*) from processed_event where event_id = ?")
            .param(event.eventId())
            .query(Long.class)
            .single()
        == 1;
  }

  private static ConsumerRecord<String, SagaEvent> record(OrderEvent event, long offset) {
    return new ConsumerRecord<>(OrderEvent.TOPIC, 0, offset, event.orderId().toString(), event);
  }

  private long outboxRows(UUID orderId) {
    return jdbc.sql("select count(*) from outbox where record_key = ?")
        .param(orderId.toString())
        .query(Long.class)
        .single();
  }

  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  private List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, UUID key, int count) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              found.clear();
              found.addAll(pollFor(topic, key, Duration.ofMillis(200)));
              return found.size() >= count;
            });
    return found;
  }

  /** Everything seen so far on the topic with that key, in offset order. */
  private List<ConsumerRecord<String, byte[]>> pollFor(String topic, UUID key, Duration wait) {
    consumer.poll(wait).forEach(seen::add);
    return seen.stream()
        .filter(r -> r.topic().equals(topic) && r.key() != null && r.key().equals(key.toString()))
        .toList();
  }

  private static OrderPlaced placed(UUID orderId, String customerId) {
    return new OrderPlaced(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        customerId,
        customerId + "@example.com",
        List.of(new OrderLine("MUG-1", 1)));
  }
}
