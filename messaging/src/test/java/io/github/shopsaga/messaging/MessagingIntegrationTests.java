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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
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
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.support.KafkaHeaders;
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
  @Autowired DataSource dataSource;
  @Autowired MessagingSettings settings;
  @Autowired DeadLetters deadLetters;
  @Autowired TraceHeaders traceHeaders;
  @Autowired ConsumerFactory<?, ?> consumers;

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
  void sendsARowAgainWhenThePublisherDiedBetweenTheAcknowledgementAndTheDelete() {
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");
    // The trigger makes the delete fail, so the row is still there when the publisher "dies": its
    // memory of what the broker acknowledged goes with it, as in a crash.
    jdbc.sql(
            """
            create or replace function refuse_delete() returns trigger language plpgsql as $$
            begin raise exception 'simulated crash before the delete'; end $$""")
        .update();
    jdbc.sql(
            """
            create trigger crash_before_delete before delete on outbox for each row
            when (old.record_key = '%s') execute function refuse_delete()"""
                .formatted(placed.orderId()))
        .update();
    try {
      transactions.executeWithoutResult(_ -> outbox.publish(placed));
      awaitRecords(OrderEvent.TOPIC, placed.orderId(), 1);
      // Acknowledged and waiting for its delete: still in the table, no longer in the backlog.
      await().until(() -> publisher.backlog() == 0);
      assertThat(outboxRows(placed.orderId())).isOne();
      publisher.stop();
    } finally {
      jdbc.sql("drop trigger crash_before_delete on outbox").update();
      publisher.start();
    }

    awaitRecords(OrderEvent.TOPIC, placed.orderId(), 2);
    await().until(() -> outboxRows(placed.orderId()) == 0);
    await().until(() -> applied(placed.orderId()).contains(placed));
    assertThat(pollFor(OrderEvent.TOPIC, placed.orderId(), Duration.ofMillis(500))).hasSize(2);
    assertThat(applied(placed.orderId())).containsExactly(placed);
  }

  @Test
  void keepsTheOrderOfAnOrdersEventsWhenAnotherInstanceRecordedSomeOfThem() {
    // A row of another instance: found by the sweep, which then runs before every round.
    OrderPlaced elsewhere = placed(UUID.randomUUID(), "alice");
    insertAsAnotherInstance(elsewhere);
    awaitRecords(OrderEvent.TOPIC, elsewhere.orderId(), 1);
    UUID orderId = UUID.randomUUID();
    OrderPlaced first = placed(orderId, "bob");
    OrderPlaced second = placed(orderId, "carol");

    insertAsAnotherInstance(first);
    transactions.executeWithoutResult(_ -> outbox.publish(second));

    assertThat(awaitRecords(OrderEvent.TOPIC, orderId, 2))
        .extracting(record -> EventJson.read(new String(record.value(), UTF_8)))
        .containsExactly(first, second);
  }

  @Test
  void tellsTheSenderWhenAnotherInstanceCommitsRowsAndNotBefore() throws Exception {
    var notices = new LinkedBlockingQueue<String>();
    var sendersListener =
        new OutboxNotifications(dataSource, () -> true, () -> notices.add("rows"));
    var otherInstance =
        new Outbox(
            jdbc,
            new OutboxPublisher(dataSource, jdbc, kafka, settings, new SimpleMeterRegistry()),
            traceHeaders);
    sendersListener.start();
    try {
      await().until(sendersListener::isListening);

      transactions.executeWithoutResult(
          status -> {
            otherInstance.publish(placed(UUID.randomUUID(), "alice"));
            assertThat(notices).isEmpty();
            status.setRollbackOnly();
          });
      OrderPlaced placed = placed(UUID.randomUUID(), "bob");
      transactions.executeWithoutResult(_ -> otherInstance.publish(placed));

      // The rolled-back transaction's notification was never sent; the committed one's was.
      assertThat(notices.poll(10, TimeUnit.SECONDS)).isEqualTo("rows");
      assertThat(notices.poll(1, TimeUnit.SECONDS)).isNull();
      awaitRecords(OrderEvent.TOPIC, placed.orderId(), 1);
    } finally {
      sendersListener.stop();
    }
  }

  private void insertAsAnotherInstance(OrderPlaced event) {
    jdbc.sql("insert into outbox (topic, record_key, event_type, payload) values (?, ?, ?, ?)")
        .params(event.topic(), event.orderId().toString(), event.type(), EventJson.write(event))
        .update();
  }

  @Test
  void movesARowTheBrokerRefusesForGoodAsideAndPublishesTheRowsBehindIt() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced behind = placed(UUID.randomUUID(), "alice");
    // Over the producer's 1 MiB request limit: never accepted, however often it is sent.
    String tooLarge = "{\"type\":\"OrderPlaced\",\"padding\":\"" + "x".repeat(1_200_000) + "\"}";
    transactions.executeWithoutResult(
        _ -> {
          jdbc.sql(
                  "insert into outbox (topic, record_key, event_type, payload) values (?, ?, ?, ?)")
              .params(OrderEvent.TOPIC, orderId.toString(), "OrderPlaced", tooLarge)
              .update();
          outbox.publish(behind);
        });

    awaitRecords(OrderEvent.TOPIC, behind.orderId(), 1);
    await().until(() -> outboxRows(orderId) == 0);
    assertThat(
            jdbc.sql("select error from outbox_dead_letter where record_key = ?")
                .param(orderId.toString())
                .query(String.class)
                .single())
        .contains("RecordTooLargeException");
    assertThat(meters.get("shop.outbox.dead.letters").counter().count()).isPositive();
  }

  @Test
  void letsOnlyOnePublisherPerDatabaseSend() {
    var second = new OutboxPublisher(dataSource, jdbc, kafka, settings, new SimpleMeterRegistry());
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");
    // Not committed through the outbox: nothing wakes the running publisher before its sweep.
    jdbc.sql("insert into outbox (topic, record_key, event_type, payload) values (?, ?, ?, ?)")
        .params(placed.topic(), placed.orderId().toString(), placed.type(), EventJson.write(placed))
        .update();

    assertThat(second.publishBatch()).isZero();

    awaitRecords(OrderEvent.TOPIC, placed.orderId(), 1);
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
    var handler = new Applied();

    inbox.process(List.of(record(placed, 0)), OrderEvent.class, handler);
    inbox.process(List.of(record(placed, 1)), OrderEvent.class, handler);

    assertThat(handler.committed).containsExactly(placed);
  }

  @Test
  void appliesTheEventsOfABatchInTheirOrderAndAnEventDeliveredTwiceInItOnce() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced first = placed(orderId, "alice");
    OrderPlaced second = placed(orderId, "bob");
    var handler = new Applied();

    inbox.process(
        List.of(record(first, 0), record(second, 1), record(first, 2)), OrderEvent.class, handler);

    assertThat(handler.committed).containsExactly(first, second);
    assertThat(handler.loads).containsExactly(List.of(first, second));
  }

  @Test
  void appliesTheNewEventsOfABatchThatHoldsOneProcessedBeforeOnce() {
    OrderPlaced before = placed(UUID.randomUUID(), "alice");
    OrderPlaced first = placed(UUID.randomUUID(), "bob");
    OrderPlaced second = placed(UUID.randomUUID(), "carol");
    var handler = new Applied();
    inbox.process(List.of(record(before, 0)), OrderEvent.class, handler);

    inbox.process(
        List.of(record(first, 1), record(before, 2), record(second, 3)), OrderEvent.class, handler);

    assertThat(handler.committed).containsExactly(before, first, second);
    // Taken to be new, the batch met the id recorded before and rolled back; applied again with
    // its ids recorded first, it leaves that event out.
    assertThat(handler.loads)
        .containsExactly(List.of(before), List.of(first, before, second), List.of(first, second));
    assertThat(isRecordedAsProcessed(first)).isTrue();
    assertThat(isRecordedAsProcessed(second)).isTrue();
  }

  @Test
  void forgetsAFailedAttemptSoTheRetryAppliesTheEvent() {
    OrderPlaced placed = placed(UUID.randomUUID(), "alice");
    var failing = new Applied(_ -> true);

    assertThatThrownBy(() -> inbox.process(List.of(record(placed, 0)), OrderEvent.class, failing))
        .isInstanceOf(BatchListenerFailedException.class);
    var handler = new Applied();
    inbox.process(List.of(record(placed, 0)), OrderEvent.class, handler);

    assertThat(isRecordedAsProcessed(placed)).isTrue();
    assertThat(handler.committed).containsExactly(placed);
  }

  @Test
  void appliesTheRestOfABatchAndReportsThePoisonRecord() {
    OrderPlaced before = placed(UUID.randomUUID(), "alice");
    OrderPlaced duplicate = placed(UUID.randomUUID(), "bob");
    OrderPlaced poison = placed(UUID.randomUUID(), MessagingTestApplication.FAILING_CUSTOMER);
    OrderPlaced after = placed(UUID.randomUUID(), "carol");
    var handler =
        new Applied(event -> event.customerId().equals(MessagingTestApplication.FAILING_CUSTOMER));
    inbox.process(List.of(record(duplicate, 0)), OrderEvent.class, handler);
    List<ConsumerRecord<String, SagaEvent>> batch =
        List.of(record(before, 1), record(duplicate, 2), record(poison, 3), record(after, 4));

    // The batch fails as a whole, is applied event by event, and stops at the poison: the error
    // handler keeps what came before it, dead-letters it, and hands the rest to the next poll.
    assertThatThrownBy(() -> inbox.process(batch, OrderEvent.class, handler))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class,
            failure -> assertThat(failure.getRecord().offset()).isEqualTo(3));
    inbox.process(batch.subList(3, batch.size()), OrderEvent.class, handler);

    assertThat(handler.committed).containsExactly(duplicate, before, after);
    assertThat(isRecordedAsProcessed(poison)).isFalse();
  }

  @Test
  void retriesAWholeBatchThatMetTheDatabaseAwayWithoutSplittingIt() {
    OrderPlaced first = placed(UUID.randomUUID(), "alice");
    OrderPlaced second = placed(UUID.randomUUID(), "bob");
    var handler =
        new Applied(_ -> true, () -> new DataAccessResourceFailureException("connection refused"));

    assertThatThrownBy(
            () ->
                inbox.process(
                    List.of(record(first, 0), record(second, 1)), OrderEvent.class, handler))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class,
            failure -> assertThat(failure.getRecord().offset()).isZero());

    assertThat(handler.loads).hasSize(1);
    assertThat(isRecordedAsProcessed(first)).isFalse();
  }

  @Test
  void skipsTheEventsAListenerDoesNotActOnWithoutRecordingThem() {
    OrderPlaced skipped = placed(UUID.randomUUID(), "alice");
    OrderPlaced actedOn = placed(UUID.randomUUID(), "bob");
    var handler =
        new Applied() {
          @Override
          public boolean actsOn(OrderEvent event) {
            return event.customerId().equals("bob");
          }
        };

    inbox.process(List.of(record(skipped, 0), record(actedOn, 1)), OrderEvent.class, handler);

    assertThat(handler.committed).containsExactly(actedOn);
    assertThat(isRecordedAsProcessed(skipped)).isFalse();
    assertThat(isRecordedAsProcessed(actedOn)).isTrue();
  }

  @Test
  void recordsTheEventsADecisionCausesInTheBatchsTransactionWithTheTraceOfItsRecord() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced cause = placed(UUID.randomUUID(), "alice");
    OrderPlaced caused = placed(orderId, "dave");
    var handler =
        new Applied() {
          @Override
          public List<SagaEvent> apply(List<OrderEvent> batch, OrderEvent event) {
            super.apply(batch, event);
            return List.of(caused);
          }
        };

    inbox.process(List.of(record(cause, 0)), OrderEvent.class, handler);

    ConsumerRecord<String, byte[]> published =
        awaitRecords(OrderEvent.TOPIC, orderId, 1).getFirst();
    assertThat(EventJson.read(new String(published.value(), UTF_8))).isEqualTo(caused);
    assertThat(new String(published.headers().lastHeader("traceparent").value(), UTF_8))
        .isEqualTo(MessagingTestApplication.TRACEPARENT);
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
  void givesTheListenersConsumersTheCatchUpPoll() {
    try (Consumer<?, ?> created = consumers.createConsumer("catch-up", null)) {
      assertThat(Proxy.isProxyClass(created.getClass())).isTrue();
      assertThat(Proxy.getInvocationHandler(created)).isInstanceOf(CatchUpPoll.class);
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
    // Which consumer group gave them up, as for any dead letter.
    assertThat(dead)
        .allSatisfy(
            record ->
                assertThat(
                        new String(
                            record
                                .headers()
                                .lastHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)
                                .value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("messaging-tests"));
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
  }

  @Test
  void listsADeadLetterAndReplaysItOnceAfterTheFix() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced placed = placed(orderId, MessagingTestApplication.FIXED_LATER_CUSTOMER);
    kafka.send(OrderEvent.TOPIC, orderId.toString(), placed);
    ConsumerRecord<String, byte[]> dead =
        awaitRecords(Topics.deadLetter(OrderEvent.TOPIC), orderId, 1).getFirst();

    DeadLetters.Listing listing = deadLetters.list(OrderEvent.TOPIC, DeadLettersEndpoint.MAX_LIMIT);
    assertThat(listing.topic()).isEqualTo(Topics.deadLetter(OrderEvent.TOPIC));
    assertThat(listing.count()).isGreaterThanOrEqualTo(listing.newest().size()).isPositive();
    assertThat(listing.newest())
        .isSortedAccordingTo(
            Comparator.comparing(DeadLetters.DeadLetter::deadLetteredAt).reversed())
        .filteredOn(letter -> orderId.toString().equals(letter.key()))
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.partition()).isEqualTo(dead.partition());
              assertThat(letter.offset()).isEqualTo(dead.offset());
              assertThat(letter.originalTopic()).isEqualTo(OrderEvent.TOPIC);
              assertThat(letter.originalOffset()).isNotNull();
              // Each consumer group gives a record up on its own: the listing says whose it is.
              assertThat(letter.consumerGroup()).isEqualTo("messaging-tests");
              assertThat(letter.exceptionMessage()).contains(placed.eventId().toString());
              assertThat(letter.rootCause())
                  .isEqualTo("java.lang.IllegalStateException: not fixed yet");
              assertThat(EventJson.read(letter.value())).isEqualTo(placed);
            });
    assertThat(applied(orderId)).isEmpty();

    recorder.fixed.set(true);
    try {
      assertThat(deadLetters.replay(OrderEvent.TOPIC, dead.partition(), dead.offset()))
          .hasValueSatisfying(replayed -> assertThat(replayed.topic()).isEqualTo(OrderEvent.TOPIC));
      await().until(() -> applied(orderId).contains(placed));

      // Replayed again, alone and with every other dead letter, it is not applied a second time.
      deadLetters.replay(Topics.deadLetter(OrderEvent.TOPIC), dead.partition(), dead.offset());
      assertThat(deadLetters.replayAll(OrderEvent.TOPIC))
          .anySatisfy(replayed -> assertThat(replayed.key()).isEqualTo(orderId.toString()));
      OrderPlaced after = placed(orderId, "alice");
      kafka.send(OrderEvent.TOPIC, orderId.toString(), after);
      await().until(() -> applied(orderId).contains(after));
      assertThat(applied(orderId)).containsExactly(placed, after);
    } finally {
      recorder.fixed.set(false);
    }
    assertThat(deadLetters.replay(OrderEvent.TOPIC, dead.partition(), Long.MAX_VALUE - 1))
        .isEmpty();
    assertThat(deadLetters.replay(OrderEvent.TOPIC, 999, 0)).isEmpty();
  }

  @Test
  void retriesThroughADatabaseOutageInsteadOfGivingTheEventUp() {
    UUID orderId = UUID.randomUUID();
    OrderPlaced placed = placed(orderId, MessagingTestApplication.DATABASE_HICCUP_CUSTOMER);

    kafka.send(OrderEvent.TOPIC, orderId.toString(), placed);

    // More failures than the bounded retries allow, yet the event is applied once, not
    // dead-lettered. Its successful attempt may not be its seventh: a poll can hold another test's
    // failing record too, and then the batch is rolled back and applied again an event at a time.
    await().atMost(Duration.ofSeconds(60)).until(() -> applied(orderId).contains(placed));
    assertThat(recorder.attempts.get(placed.eventId())).isGreaterThanOrEqualTo(7);
    assertThat(applied(orderId)).containsExactly(placed);
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

  /** A handler that keeps what it applied once the batch committed, and fails where told to. */
  static class Applied implements BatchHandler<OrderEvent, List<OrderEvent>> {

    final List<List<OrderEvent>> loads = new ArrayList<>();
    final List<OrderEvent> committed = new ArrayList<>();
    private final Predicate<OrderEvent> fails;
    private final Supplier<RuntimeException> failure;

    Applied() {
      this(_ -> false);
    }

    Applied(Predicate<OrderEvent> fails) {
      this(fails, () -> new IllegalStateException("cannot apply this event"));
    }

    Applied(Predicate<OrderEvent> fails, Supplier<RuntimeException> failure) {
      this.fails = fails;
      this.failure = failure;
    }

    @Override
    public List<OrderEvent> load(List<OrderEvent> events) {
      loads.add(events);
      return new ArrayList<>();
    }

    @Override
    public List<SagaEvent> apply(List<OrderEvent> batch, OrderEvent event) {
      if (fails.test(event)) {
        throw failure.get();
      }
      batch.add(event);
      return List.of();
    }

    @Override
    public void store(List<OrderEvent> batch, SqlWrites writes) {}

    @Override
    public void committed(List<OrderEvent> batch) {
      committed.addAll(batch);
    }
  }
}
