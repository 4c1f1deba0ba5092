package io.github.shopsaga.messaging;

import io.github.shopsaga.events.SagaEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each event at most once: the event id is recorded in the same transaction as the effect,
 * so a redelivered event (a retry, a rebalance, a replayed topic, a crash before the offset commit)
 * finds its id and changes nothing.
 */
public class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private static final LogAccessor deserializationLog = new LogAccessor(Inbox.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final TraceHeaders traceHeaders;

  Inbox(JdbcClient jdbc, TransactionTemplate transactions, TraceHeaders traceHeaders) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.traceHeaders = traceHeaders;
  }

  /**
   * Runs {@code effect} in one transaction with the record of the event, unless the event was
   * processed before. Returns whether the effect ran. When the effect throws, nothing of it and no
   * record of the event is kept, so a retry processes the event afresh.
   */
  public <E extends SagaEvent> boolean processOnce(E event, Consumer<? super E> effect) {
    Boolean processed =
        transactions.execute(
            _ -> {
              boolean first =
                  jdbc.sql(
                              "insert into processed_event (event_id) values (?) on conflict do nothing")
                          .param(event.eventId())
                          .update()
                      == 1;
              if (first) {
                effect.accept(event);
              }
              return first;
            });
    return Boolean.TRUE.equals(processed);
  }

  /**
   * Applies the events of a batch listener's records, in their order, each at most once: all of
   * them in one transaction (one commit and one round of inbox writes for the whole poll, which is
   * what lets a service keep up under load), each with the trace of its record.
   *
   * <p>Failures are isolated to their record. If the batch fails, it is rolled back and its events
   * are applied one transaction each; the first that fails again is reported as a {@link
   * BatchListenerFailedException}, so the error handler commits the records before it, retries it
   * (or sends it to the dead-letter topic) and goes on with the rest. A record that could not be
   * read is reported the same way once the records before it are applied.
   */
  public <E extends SagaEvent> void processAll(
      List<ConsumerRecord<String, SagaEvent>> records, Class<E> type, Consumer<? super E> effect) {
    processAll(records, type, _ -> true, effect);
  }

  /**
   * Like {@link #processAll(List, Class, Consumer)} for a listener that acts on some of a topic's
   * events only: the others are skipped without a trace, since applying them again would change
   * nothing either. A poll of such events alone costs no transaction at all.
   */
  public <E extends SagaEvent> void processAll(
      List<ConsumerRecord<String, SagaEvent>> records,
      Class<E> type,
      Predicate<? super E> relevant,
      Consumer<? super E> effect) {
    int firstUnreadable = 0;
    while (firstUnreadable < records.size()
        && type.isInstance(records.get(firstUnreadable).value())) {
      firstUnreadable++;
    }
    List<ConsumerRecord<String, SagaEvent>> readable =
        records.subList(0, firstUnreadable).stream()
            .filter(record -> relevant.test(type.cast(record.value())))
            .toList();
    if (!readable.isEmpty()) {
      try {
        transactions.executeWithoutResult(_ -> applyAll(readable, type, effect));
      } catch (RuntimeException batchFailure) {
        log.warn(
            "A batch of {} events failed ({}), applying them one transaction each",
            readable.size(),
            batchFailure.toString());
        applyOneByOne(readable, type, effect);
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

  private <E extends SagaEvent> void applyAll(
      List<ConsumerRecord<String, SagaEvent>> records, Class<E> type, Consumer<? super E> effect) {
    UUID[] ids = records.stream().map(record -> record.value().eventId()).toArray(UUID[]::new);
    Set<UUID> fresh =
        new HashSet<>(
            jdbc.sql(
                    """
                    insert into processed_event (event_id) select unnest(?)
                    on conflict do nothing returning event_id""")
                .param(ids)
                .query(UUID.class)
                .list());
    for (ConsumerRecord<String, SagaEvent> record : records) {
      // remove: an event that comes twice in one batch is applied once.
      if (fresh.remove(record.value().eventId())) {
        try (var _ = traceHeaders.continueFrom(record.headers(), spanName(record))) {
          effect.accept(type.cast(record.value()));
        }
      }
    }
  }

  private <E extends SagaEvent> void applyOneByOne(
      List<ConsumerRecord<String, SagaEvent>> records, Class<E> type, Consumer<? super E> effect) {
    for (ConsumerRecord<String, SagaEvent> record : records) {
      try (var _ = traceHeaders.continueFrom(record.headers(), spanName(record))) {
        processOnce(type.cast(record.value()), effect);
      } catch (RuntimeException failure) {
        throw new BatchListenerFailedException(
            "Failed to apply " + record.value().type() + " " + record.value().eventId(),
            failure,
            record);
      }
    }
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

  /** Forgets the ids of events processed before {@code cutoff}; returns how many. */
  public int forgetProcessedBefore(Instant cutoff) {
    return jdbc.sql("delete from processed_event where processed_at < ?")
        .param(java.sql.Timestamp.from(cutoff))
        .update();
  }
}
