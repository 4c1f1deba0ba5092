package io.github.shopsaga.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Sends the outbox to Kafka, oldest first, and deletes what the broker acknowledged.
 *
 * <p>One thread per instance; a PostgreSQL advisory lock makes it one publisher per database at a
 * time, so rows go out in id order even with several instances. Rows of one order are written by
 * transactions that the order's row lock serializes, so their ids, and therefore their records on
 * the topic, follow the order of the changes. A batch is deleted only after every record of it was
 * acknowledged; a failure rolls the batch back and it is sent again (at least once: consumers drop
 * the duplicates by event id).
 */
public class OutboxPublisher implements SmartLifecycle {

  /** Advisory lock key of the outbox publisher (scoped to the service's database). */
  private static final long PUBLISHER_LOCK = 0x0_7B0C_5A6AL;

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<Object, Object> kafka;
  private final MessagingSettings settings;
  private final Timer publishLag;

  private final BatchWorker worker;

  OutboxPublisher(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<Object, Object> kafka,
      MessagingSettings settings,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.kafka = kafka;
    this.settings = settings;
    this.publishLag =
        Timer.builder("shop.outbox.publish.lag")
            .description("Time from recording an event to the broker's acknowledgement")
            .publishPercentileHistogram()
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
   * Publishes one batch in this thread: the oldest pending rows, if no other instance is
   * publishing. Returns how many rows went out.
   */
  public int publishBatch() {
    Integer sent = transactions.execute(_ -> lockAndPublish());
    return sent == null ? 0 : sent;
  }

  /** Rows that wait for publication. */
  public long backlog() {
    return jdbc.sql("select count(*) from outbox").query(Long.class).single();
  }

  private int lockAndPublish() {
    boolean locked =
        jdbc.sql("select pg_try_advisory_xact_lock(?)")
            .param(PUBLISHER_LOCK)
            .query(Boolean.class)
            .single();
    if (!locked) {
      return 0;
    }
    List<PendingRecord> batch =
        jdbc.sql(
                """
                select id, topic, record_key, payload, headers, created_at
                from outbox order by id limit ?""")
            .param(settings.outboxBatchSize())
            .query(PendingRecord::read)
            .list();
    if (batch.isEmpty()) {
      return 0;
    }
    awaitAcknowledgements(batch.stream().map(row -> kafka.send(row.toRecord())).toList());
    Long[] ids = batch.stream().map(PendingRecord::id).toArray(Long[]::new);
    jdbc.sql("delete from outbox where id = any(?)").param(ids).update();
    Instant acknowledged = Instant.now();
    batch.forEach(row -> publishLag.record(Duration.between(row.createdAt(), acknowledged)));
    return batch.size();
  }

  private void awaitAcknowledgements(List<? extends CompletableFuture<?>> sends) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(settings.outboxSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutboxPublishingException("interrupted while waiting for the broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new OutboxPublishingException("the broker did not acknowledge the batch", e);
    }
  }

  @Override
  public void start() {
    worker.start();
  }

  @Override
  public void stop() {
    worker.stop(settings.outboxSendTimeout());
  }

  @Override
  public boolean isRunning() {
    return worker.isRunning();
  }

  record PendingRecord(
      long id, String topic, String recordKey, String payload, String headers, Instant createdAt) {

    /** Reads a row by column (a property-matching mapper costs an exception per column and row). */
    static PendingRecord read(ResultSet row, int rowNumber) throws SQLException {
      return new PendingRecord(
          row.getLong("id"),
          row.getString("topic"),
          row.getString("record_key"),
          row.getString("payload"),
          row.getString("headers"),
          row.getTimestamp("created_at").toInstant());
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
