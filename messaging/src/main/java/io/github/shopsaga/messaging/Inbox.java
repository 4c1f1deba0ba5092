package io.github.shopsaga.messaging;

import io.github.shopsaga.events.SagaEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch listener's records, each event at most once, in one transaction: the ids of the
 * events are recorded with the effects of the events (one statement for the whole batch), so a
 * redelivered event (a retry, a rebalance, a replayed topic, a crash before the offset commit)
 * finds its id and changes nothing. The effects themselves come from a {@link BatchHandler}, and
 * the events they cause go to the {@link Outbox} in the same transaction.
 */
public class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private static final LogAccessor deserializationLog = new LogAccessor(Inbox.class);

  /** Records the ids of a batch's events as processed. */
  private static final String RECORD_IDS =
      "insert into processed_event (event_id) select unnest(?::uuid[])";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Outbox outbox;
  private final TraceHeaders traceHeaders;

  Inbox(
      JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, TraceHeaders traceHeaders) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.outbox = outbox;
    this.traceHeaders = traceHeaders;
  }

  /**
   * Applies the events of the records that the handler {@linkplain BatchHandler#actsOn acts on}, in
   * record order, each at most once, in one transaction: the handler loads, applies and stores the
   * whole batch. The others are skipped without a trace (applying them again would change nothing
   * either), so a poll of such events alone costs no transaction.
   *
   * <p>Failures are isolated to their record. A batch that fails for a reason that passes by itself
   * (the database is away, a lock conflict) is retried whole, with backoff, by the error handler.
   * Any other failure rolls the batch back, and its events are applied again one transaction each;
   * the first that fails again is reported as a {@link BatchListenerFailedException}, so the error
   * handler keeps the records before it, retries it (or sends it to the dead-letter topic) and goes
   * on with the rest. A record that could not be read is reported the same way once the records
   * before it are applied.
   */
  public <E extends SagaEvent, S> void process(
      List<ConsumerRecord<String, SagaEvent>> records, Class<E> type, BatchHandler<E, S> handler) {
    int firstUnreadable = 0;
    while (firstUnreadable < records.size()
        && type.isInstance(records.get(firstUnreadable).value())) {
      firstUnreadable++;
    }
    List<ConsumerRecord<String, SagaEvent>> readable =
        records.subList(0, firstUnreadable).stream()
            .filter(record -> handler.actsOn(type.cast(record.value())))
            .toList();
    if (!readable.isEmpty()) {
      try {
        applyInOneTransaction(readable, type, handler);
      } catch (RuntimeException batchFailure) {
        if (TransientFailures.isTransient(batchFailure)) {
          throw new BatchListenerFailedException(
              "A batch of " + readable.size() + " events failed",
              batchFailure,
              readable.getFirst());
        }
        log.warn(
            "A batch of {} events failed ({}), applying them one transaction each",
            readable.size(),
            batchFailure.toString());
        applyOneByOne(readable, type, handler);
      }
    }
    if (firstUnreadable < records.size()) {
      ConsumerRecord<String, SagaEvent> record = records.get(firstUnreadable);
      throw new BatchListenerFailedException(
          "Unreadable record " + record.topic() + "-" + record.partition() + "@" + record.offset(),
          readFailure(record, type),
          record);
    }
  }

  private <E extends SagaEvent, S> void applyOneByOne(
      List<ConsumerRecord<String, SagaEvent>> records, Class<E> type, BatchHandler<E, S> handler) {
    for (ConsumerRecord<String, SagaEvent> record : records) {
      try {
        applyInOneTransaction(List.of(record), type, handler);
      } catch (RuntimeException failure) {
        throw new BatchListenerFailedException(
            "Failed to apply " + record.value().type() + " " + record.value().eventId(),
            failure,
            record);
      }
    }
  }

  /**
   * Applies the records' events in one transaction. The batch is first taken to be new: its event
   * ids are recorded by the same statement that writes its effects, so that recording them costs no
   * round trip of its own. If one was processed before (a redelivery), that statement fails on the
   * id's primary key and rolls back with everything else, and the batch is applied again with its
   * ids recorded first, leaving out the events that were processed before.
   */
  private <E extends SagaEvent, S> void applyInOneTransaction(
      List<ConsumerRecord<String, SagaEvent>> records, Class<E> type, BatchHandler<E, S> handler) {
    List<ConsumerRecord<String, SagaEvent>> distinct = distinctEvents(records);
    try {
      transactions.executeWithoutResult(
          _ -> {
            SqlWrites writes = new SqlWrites().add(RECORD_IDS, (Object) ids(distinct));
            apply(distinct, type, handler, writes);
          });
    } catch (DuplicateKeyException processedBefore) {
      transactions.executeWithoutResult(
          _ -> {
            List<ConsumerRecord<String, SagaEvent>> fresh = claim(distinct);
            if (!fresh.isEmpty()) {
              apply(fresh, type, handler, new SqlWrites());
            }
          });
    }
  }

  /** Loads, applies and stores the records' events, with {@code writes}, in this transaction. */
  private <E extends SagaEvent, S> void apply(
      List<ConsumerRecord<String, SagaEvent>> records,
      Class<E> type,
      BatchHandler<E, S> handler,
      SqlWrites writes) {
    S state = handler.load(records.stream().map(record -> type.cast(record.value())).toList());
    List<Outbox.Message> caused = new ArrayList<>();
    for (ConsumerRecord<String, SagaEvent> record : records) {
      try (var _ = traceHeaders.continueFrom(record.headers(), spanName(record))) {
        for (SagaEvent event : handler.apply(state, type.cast(record.value()))) {
          caused.add(outbox.message(event));
        }
      }
    }
    handler.store(state, writes);
    outbox.publishAll(caused, writes);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            handler.committed(state);
          }
        });
  }

  /** The records in their order, each event once (an event delivered twice is applied once). */
  private static List<ConsumerRecord<String, SagaEvent>> distinctEvents(
      List<ConsumerRecord<String, SagaEvent>> records) {
    Set<UUID> seen = new HashSet<>();
    return records.stream().filter(record -> seen.add(record.value().eventId())).toList();
  }

  private static UUID[] ids(List<ConsumerRecord<String, SagaEvent>> records) {
    return records.stream().map(record -> record.value().eventId()).toArray(UUID[]::new);
  }

  /**
   * Records the events' ids; returns the records whose event was not processed before, in their
   * order.
   */
  private List<ConsumerRecord<String, SagaEvent>> claim(
      List<ConsumerRecord<String, SagaEvent>> records) {
    Set<UUID> fresh =
        new HashSet<>(
            jdbc.sql(RECORD_IDS + " on conflict do nothing returning event_id")
                .param(ids(records))
                .query(UUID.class)
                .list());
    return records.stream().filter(record -> fresh.contains(record.value().eventId())).toList();
  }

  private static Exception readFailure(ConsumerRecord<String, SagaEvent> record, Class<?> type) {
    DeserializationException failure =
        SerializationUtils.getExceptionFromHeader(
            record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, deserializationLog);
    return failure != null
        ? failure
        : new IllegalArgumentException("Not a " + type.getSimpleName() + ": " + record.value());
  }

  private static String spanName(ConsumerRecord<?, ?> record) {
    return record.topic() + " process";
  }

  /**
   * Forgets up to {@code limit} ids of events processed before {@code cutoff}, oldest first;
   * returns how many. Called repeatedly, it keeps each delete (and the locks and WAL it takes)
   * small while the listeners write.
   */
  public int forgetProcessedBefore(Instant cutoff, int limit) {
    return jdbc.sql(
            """
            delete from processed_event where event_id in (
              select event_id from processed_event where processed_at < ?
              order by processed_at limit ?)""")
        .params(Timestamp.from(cutoff), limit)
        .update();
  }
}
