package io.github.shopsaga.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Sends the outbox to Kafka, oldest first, and deletes what the broker acknowledged.
 *
 * <p><b>One sender per database.</b> The publisher that holds a session-level PostgreSQL advisory
 * lock, on a connection of its own, is the only one that sends; the others try again at every
 * sweep, so when the sender's process dies its connection closes, the lock is freed and another
 * instance carries on within one sweep interval.
 *
 * <p><b>Order.</b> Each round reads the rows visible now, in id order, and sends them in that order
 * (records of one key keep their order within a partition). Rows of one order are written by
 * transactions that the order's row lock serializes, so a later row of an order is visible only
 * once the earlier ones are, and has a higher id: whatever round finds them, they go out in the
 * order of the changes.
 *
 * <p><b>No transaction around the broker.</b> A round reads (one statement, no transaction), sends
 * and flushes every record, waits for the acknowledgements, then deletes the acknowledged rows in
 * one statement. A crash between the acknowledgement and the delete sends those rows once more
 * (consumers drop the duplicates by event id). The round's size follows the load: it is whatever
 * was committed while the previous round was out, up to {@code shop.messaging.outbox-batch-size}.
 *
 * <p><b>Failures.</b> While the broker is away, the rows stay and the round is retried with
 * backoff; rows of keys that were acknowledged go, the others are sent again. A row the broker
 * refuses for good (too large, not a valid record) moves to {@code outbox_dead_letter}, logged and
 * counted, so it never blocks the rows behind it.
 */
public class OutboxPublisher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

  /** Advisory lock key of the outbox sender (scoped to the service's database). */
  private static final long SENDER_LOCK = 0x0_7B0C_5A6AL;

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final KafkaTemplate<Object, Object> kafka;
  private final MessagingSettings settings;
  private final Timer publishLag;
  private final Counter deadLetters;
  private final BatchWorker worker;

  /** The connection that holds the sender lock, while this instance is the sender. */
  private Connection senderConnection;

  private JdbcClient sender;

  OutboxPublisher(
      DataSource dataSource,
      JdbcClient jdbc,
      KafkaTemplate<Object, Object> kafka,
      MessagingSettings settings,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.kafka = kafka;
    this.settings = settings;
    this.publishLag =
        Timer.builder("shop.outbox.publish.lag")
            .description("Time from recording an event to the broker's acknowledgement")
            .publishPercentileHistogram()
            .register(meters);
    this.deadLetters =
        Counter.builder("shop.outbox.dead.letters")
            .description("Outbox rows the broker refused for good, moved to outbox_dead_letter")
            .register(meters);
    this.worker =
        new BatchWorker(
            "outbox-publisher",
            settings.outboxBatchSize(),
            settings.outboxPollInterval(),
            MAX_BACKOFF,
            this::publishBatch);
    Gauge.builder("shop.outbox.backlog", this, OutboxPublisher::backlog)
        .description("Events recorded and not yet acknowledged by the broker")
        .register(meters);
  }

  /** Called after a commit that recorded events: publish them now rather than at the next sweep. */
  public void wakeUp() {
    worker.wakeUp();
  }

  /**
   * Publishes one round in this thread: the oldest pending rows, if this instance is the sender.
   * Returns how many rows went out.
   */
  public synchronized int publishBatch() {
    if (!holdSenderLock()) {
      return 0;
    }
    try {
      return publishRound();
    } catch (RuntimeException e) {
      releaseSenderLockIfBroken();
      throw e;
    }
  }

  /** Rows that wait for publication. */
  public long backlog() {
    return jdbc.sql("select count(*) from outbox").query(Long.class).single();
  }

  private int publishRound() {
    List<PendingRecord> round =
        sender
            .sql(
                """
                select id, topic, record_key, payload, headers, created_at
                from outbox order by id limit ?""")
            .param(settings.outboxBatchSize())
            .query(PendingRecord::read)
            .list();
    if (round.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<?>> sends = new ArrayList<>(round.size());
    for (PendingRecord row : round) {
      sends.add(send(row));
    }
    // The round is one batch: send it now rather than after the producer's linger.
    kafka.flush();
    awaitAll(sends);

    List<PendingRecord> acknowledged = new ArrayList<>();
    List<PendingRecord> refused = new ArrayList<>();
    Set<String> keysToResend = new HashSet<>();
    Throwable retriable = null;
    for (int i = 0; i < round.size(); i++) {
      PendingRecord row = round.get(i);
      Throwable failure = failureOf(sends.get(i));
      if (failure == null) {
        acknowledged.add(row);
      } else if (refusalForGood(failure) != null) {
        refused.add(row.withError(refusalForGood(failure)));
      } else {
        keysToResend.add(row.recordKey());
        retriable = failure;
      }
    }
    // A key with a failed row is sent again whole, so that its rows stay in order.
    List<PendingRecord> done =
        acknowledged.stream().filter(row -> !keysToResend.contains(row.recordKey())).toList();
    if (!done.isEmpty()) {
      sender
          .sql("delete from outbox where id = any(?)")
          .param(done.stream().map(PendingRecord::id).toArray(Long[]::new))
          .update();
    }
    refused.forEach(this::moveToDeadLetters);
    Instant now = Instant.now();
    done.forEach(row -> publishLag.record(Duration.between(row.createdAt(), now)));
    if (retriable != null) {
      throw new OutboxPublishingException(
          "the broker did not acknowledge %d of %d records"
              .formatted(round.size() - done.size() - refused.size(), round.size()),
          retriable);
    }
    return round.size();
  }

  private CompletableFuture<?> send(PendingRecord row) {
    try {
      return kafka.send(row.toRecord());
    } catch (RuntimeException e) {
      // Refusals the producer decides at once (too large, not serializable) may throw here.
      return CompletableFuture.failedFuture(e);
    }
  }

  private void awaitAll(List<CompletableFuture<?>> sends) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .exceptionally(_ -> null)
          .get(settings.outboxSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutboxPublishingException("interrupted while waiting for the broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new OutboxPublishingException("the broker did not acknowledge the round in time", e);
    }
  }

  private static Throwable failureOf(CompletableFuture<?> send) {
    if (!send.isCompletedExceptionally()) {
      return null;
    }
    try {
      send.join();
      return null;
    } catch (RuntimeException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
  }

  /**
   * The cause that says the broker or the producer will never take this record, however often it is
   * sent; {@code null} if the failure may pass.
   */
  static Throwable refusalForGood(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RecordTooLargeException
          || cause instanceof RecordBatchTooLargeException
          || cause instanceof InvalidRecordException
          || cause instanceof SerializationException) {
        return cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private void moveToDeadLetters(PendingRecord row) {
    sender
        .sql(
            """
            with moved as (delete from outbox where id = ? returning *)
            insert into outbox_dead_letter
              (id, topic, record_key, event_type, payload, headers, created_at, error)
            select id, topic, record_key, event_type, payload, headers, created_at, ?
            from moved""")
        .params(row.id(), row.error())
        .update();
    deadLetters.increment();
    log.error(
        "The broker refused outbox row {} ({} for {}) for good; moved to outbox_dead_letter: {}",
        row.id(),
        row.topic(),
        row.recordKey(),
        row.error());
  }

  /** Takes the sender lock if no one holds it; returns whether this instance is the sender. */
  private boolean holdSenderLock() {
    if (sender != null) {
      return true;
    }
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      JdbcClient client = JdbcClient.create(new SingleConnectionDataSource(connection, true));
      boolean locked =
          client
              .sql("select pg_try_advisory_lock(?)")
              .param(SENDER_LOCK)
              .query(Boolean.class)
              .single();
      if (!locked) {
        connection.close();
        return false;
      }
      senderConnection = connection;
      sender = client;
      log.info("This instance sends the outbox now");
      return true;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      throw new OutboxPublishingException("cannot take the outbox sender lock", e);
    }
  }

  /** After a failure: if the sender connection broke, its lock is gone too; take it anew later. */
  private void releaseSenderLockIfBroken() {
    try {
      if (senderConnection != null && senderConnection.isValid(2)) {
        return;
      }
    } catch (SQLException e) {
      // not valid
    }
    closeQuietly(senderConnection);
    senderConnection = null;
    sender = null;
  }

  private synchronized void releaseSenderLock() {
    closeQuietly(senderConnection);
    senderConnection = null;
    sender = null;
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("Closing the outbox sender connection failed: {}", e.toString());
      }
    }
  }

  @Override
  public void start() {
    worker.start();
  }

  @Override
  public void stop() {
    worker.stop(settings.outboxSendTimeout());
    releaseSenderLock();
  }

  @Override
  public boolean isRunning() {
    return worker.isRunning();
  }

  record PendingRecord(
      long id,
      String topic,
      String recordKey,
      String payload,
      String headers,
      Instant createdAt,
      String error) {

    /** Reads a row by column (a property-matching mapper costs an exception per column and row). */
    static PendingRecord read(ResultSet row, int rowNumber) throws SQLException {
      return new PendingRecord(
          row.getLong("id"),
          row.getString("topic"),
          row.getString("record_key"),
          row.getString("payload"),
          row.getString("headers"),
          row.getTimestamp("created_at").toInstant(),
          null);
    }

    PendingRecord withError(Throwable failure) {
      return new PendingRecord(
          id, topic, recordKey, payload, headers, createdAt, failure.toString());
    }

    ProducerRecord<Object, Object> toRecord() {
      var record = new ProducerRecord<Object, Object>(topic, recordKey, payload);
      if (headers != null) {
        EventJson.mapper()
            .readValue(headers, HEADERS)
            .forEach((name, value) -> record.headers().add(name, value.getBytes(UTF_8)));
      }
      return record;
    }
  }

  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  static class OutboxPublishingException extends RuntimeException {
    OutboxPublishingException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
