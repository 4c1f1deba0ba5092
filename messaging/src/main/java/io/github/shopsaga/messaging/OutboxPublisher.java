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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Sends the outbox to Kafka, in the order of the commits, and deletes what the broker acknowledged.
 *
 * <p><b>One sender per database.</b> The publisher that holds a session-level PostgreSQL advisory
 * lock, on a connection of its own, is the only one that sends; the others try again at every
 * sweep, so when the sender's process dies its connection closes, the lock is freed and another
 * instance carries on within one sweep interval. The others' rows reach the sender's sweep at once:
 * they notify it on commit ({@link OutboxNotifications}).
 *
 * <p><b>Rows handed over in memory.</b> On the sender, each transaction that records events hands
 * its rows to the publisher just before it commits ({@link OutboxHandoffs}), and the publisher
 * sends them once the commit is done, without reading them back. A sweep every {@code
 * shop.messaging.outbox-poll-interval} reads what no transaction handed over: the rows of another
 * instance, of a crashed process, of a commit that ended in doubt, or of a send that failed. While
 * the sweep finds such rows, it runs every round, before the round's handed-over rows are sent, and
 * the two are sent merged by id: a row of an order is committed, so visible to the sweep, before
 * any later row of that order can commit, so each order's rows go out in the order of their commits
 * whichever way they come.
 *
 * <p><b>No transaction around the broker.</b> A round sends and flushes its records, waits for the
 * acknowledgements, and marks the rows for deletion; the acknowledged rows are deleted a batch at a
 * time ({@code shop.messaging.outbox-delete-interval}). A crash before the delete sends them once
 * more (consumers drop the duplicates by event id). A round takes what committed while the previous
 * one was out, up to {@code shop.messaging.outbox-batch-size}, so rounds grow with the load.
 *
 * <p><b>Failures.</b> While the broker is away, rounds fail and are retried with backoff; the rows
 * stay in the table for the sweep, and rows of keys that were acknowledged go. A row the broker
 * refuses for good (too large, not a valid record) moves to {@code outbox_dead_letter}, logged and
 * counted, so it never blocks the rows behind it.
 */
public class OutboxPublisher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

  /** Advisory lock key of the outbox sender (scoped to the service's database). */
  private static final long SENDER_LOCK = 0x0_7B0C_5A6AL;

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** How long rounds keep sweeping after rows came from outside the hand-off. */
  private static final Duration SWEEP_EVERY_ROUND_FOR = Duration.ofSeconds(30);

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final KafkaTemplate<Object, Object> kafka;
  private final MessagingSettings settings;
  private final Timer publishLag;
  private final Counter deadLetters;
  private final BatchWorker worker;
  private final OutboxNotifications notifications;

  /** Another instance committed rows since the last sweep (it said so on the channel). */
  private final AtomicBoolean notified = new AtomicBoolean();

  private final OutboxHandoffs handoffs = new OutboxHandoffs();

  /** The connection that holds the sender lock, while this instance is the sender. */
  private Connection senderConnection;

  private JdbcClient sender;

  private volatile boolean isSender;

  /**
   * Acknowledged rows waiting for the next batched delete. Only the publisher's thread changes it,
   * under its monitor, since the backlog gauge copies it from another thread.
   */
  private final List<Long> acknowledged = new ArrayList<>();

  private Instant lastDelete = Instant.MIN;
  private Instant nextSweep = Instant.MIN;

  /** Until when every round sweeps: rows came from outside the hand-off recently. */
  private volatile Instant sweepEveryRoundUntil = Instant.MIN;

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
    this.notifications =
        new OutboxNotifications(
            dataSource,
            () -> isSender,
            () -> {
              notified.set(true);
              worker.wakeUp();
            });
    Gauge.builder("shop.outbox.backlog", this, OutboxPublisher::backlog)
        .description("Events recorded and not yet acknowledged by the broker")
        .register(meters);
  }

  /** Called after a commit that recorded events: publish them now rather than at the next sweep. */
  public void wakeUp() {
    worker.wakeUp();
  }

  /** Whether this instance sends the outbox, so that its transactions hand their rows over. */
  boolean isSender() {
    return isSender;
  }

  /**
   * A transaction's rows, handed over just before it commits (see {@link OutboxHandoffs}); {@code
   * null} if the publisher cannot take them now, and its sweep will find them.
   */
  OutboxHandoffs.Handoff handOff(List<PendingRecord> rows) {
    OutboxHandoffs.Handoff handoff = handoffs.join(rows);
    if (handoff == null) {
      sweepAlways(Instant.now());
    }
    return handoff;
  }

  /** The handed-over transaction ended: its rows can go, or never existed. */
  void completed(OutboxHandoffs.Handoff handoff, OutboxHandoffs.Outcome outcome) {
    handoff.completed(outcome);
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
      int sent = publishRound();
      handoffs.open(true);
      return sent;
    } catch (RuntimeException e) {
      // The rows of this round, and of the queue, wait in the table for the sweep until rounds
      // go through again.
      handoffs.open(false);
      sweepAlways(Instant.now());
      releaseSenderLockIfBroken();
      throw e;
    }
  }

  /** Rows that wait for publication: in the table and not acknowledged by the broker yet. */
  public long backlog() {
    return jdbc.sql("select count(*) from outbox where id <> all(?)")
        .param(acknowledgedIds())
        .query(Long.class)
        .single();
  }

  private Long[] acknowledgedIds() {
    synchronized (acknowledged) {
      return acknowledged.toArray(Long[]::new);
    }
  }

  private int publishRound() {
    Instant now = Instant.now();
    List<PendingRecord> round =
        new ArrayList<>(handoffs.takeCommitted(settings.outboxBatchSize(), _ -> sweepAlways(now)));
    if (notified.getAndSet(false)
        || !now.isBefore(nextSweep)
        || now.isBefore(sweepEveryRoundUntil)) {
      nextSweep = now.plus(settings.outboxPollInterval());
      List<PendingRecord> swept = sweep(round);
      if (!swept.isEmpty()) {
        sweepAlways(now);
        round.addAll(swept);
        round.sort(Comparator.comparingLong(PendingRecord::id));
      }
    }
    if (round.isEmpty()) {
      deleteAcknowledged(now, true);
      return 0;
    }
    List<CompletableFuture<?>> sends = new ArrayList<>(round.size());
    for (PendingRecord row : round) {
      sends.add(send(row));
    }
    // The round is one batch: send it now rather than after the producer's linger.
    kafka.flush();
    awaitAll(sends);

    List<PendingRecord> acked = new ArrayList<>();
    List<PendingRecord> refused = new ArrayList<>();
    Set<String> keysToResend = new HashSet<>();
    Throwable retriable = null;
    for (int i = 0; i < round.size(); i++) {
      PendingRecord row = round.get(i);
      Throwable failure = failureOf(sends.get(i));
      if (failure == null) {
        acked.add(row);
      } else if (refusalForGood(failure) != null) {
        refused.add(row.withError(refusalForGood(failure)));
      } else {
        keysToResend.add(row.recordKey());
        retriable = failure;
      }
    }
    // A key with a failed row is sent again whole, so that its rows stay in order; the sweep
    // finds the rows left in the table.
    List<PendingRecord> done =
        acked.stream().filter(row -> !keysToResend.contains(row.recordKey())).toList();
    synchronized (acknowledged) {
      done.forEach(row -> acknowledged.add(row.id()));
    }
    refused.forEach(this::moveToDeadLetters);
    Instant sent = Instant.now();
    done.forEach(row -> publishLag.record(Duration.between(row.createdAt(), sent)));
    deleteAcknowledged(sent, false);
    if (retriable != null) {
      sweepAlways(sent);
      throw new OutboxPublishingException(
          "the broker did not acknowledge %d of %d records"
              .formatted(round.size() - done.size() - refused.size(), round.size()),
          retriable);
    }
    return round.size();
  }

  /**
   * The rows in the table that no transaction handed over: neither in the queue, nor in this round,
   * nor acknowledged and waiting for their delete.
   */
  private List<PendingRecord> sweep(List<PendingRecord> round) {
    List<Long> known = new ArrayList<>(handoffs.queuedIds());
    round.forEach(row -> known.add(row.id()));
    known.addAll(List.of(acknowledgedIds()));
    List<PendingRecord> found =
        sender
            .sql(
                """
                select id, topic, record_key, payload, headers, created_at
                from outbox where id <> all(?) order by id limit ?""")
            .params(known.toArray(Long[]::new), settings.outboxBatchSize())
            .query(PendingRecord::read)
            .list();
    // A transaction may have joined the queue, and committed, while the select was on its way:
    // its rows are the queue's. (Any row the select saw had joined before it committed.)
    Set<Long> queued = new HashSet<>(handoffs.queuedIds());
    return found.stream().filter(row -> !queued.contains(row.id())).toList();
  }

  /** Rows arrive from outside the hand-off: sweep before every round for a while. */
  private void sweepAlways(Instant now) {
    sweepEveryRoundUntil = now.plus(SWEEP_EVERY_ROUND_FOR);
  }

  /** Deletes the acknowledged rows once enough of them wait, or the interval is up. */
  private void deleteAcknowledged(Instant now, boolean idle) {
    if (acknowledged.isEmpty()) {
      return;
    }
    boolean due =
        idle
            || acknowledged.size() >= settings.outboxBatchSize()
            || !now.isBefore(lastDelete.plus(settings.outboxDeleteInterval()));
    if (due) {
      sender.sql("delete from outbox where id = any(?)").param(acknowledgedIds()).update();
      synchronized (acknowledged) {
        acknowledged.clear();
      }
      lastDelete = now;
    }
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
      isSender = true;
      // Rows left by the previous sender, if any, are swept before the first hand-over goes.
      sweepAlways(Instant.now());
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
    releaseSenderLock();
  }

  private synchronized void releaseSenderLock() {
    isSender = false;
    handoffs.clear();
    synchronized (acknowledged) {
      acknowledged.clear();
    }
    if (senderConnection != null) {
      // The connection goes back to a pool, and its session with it: unlock explicitly, or drop
      // the connection if that fails, so that the lock never outlives this sender.
      try {
        sender.sql("select pg_advisory_unlock(?)").param(SENDER_LOCK).query(Boolean.class).single();
        senderConnection.close();
      } catch (RuntimeException | SQLException e) {
        try {
          senderConnection.abort(Runnable::run);
        } catch (SQLException abortFailed) {
          log.debug("Dropping the outbox sender connection failed: {}", abortFailed.toString());
        }
      }
    }
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
    notifications.start();
  }

  @Override
  public void stop() {
    notifications.stop();
    worker.stop(settings.outboxSendTimeout());
    synchronized (this) {
      if (sender != null) {
        try {
          deleteAcknowledged(Instant.now(), true);
        } catch (RuntimeException e) {
          log.warn("Could not delete the last acknowledged outbox rows: {}", e.toString());
        }
      }
    }
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
