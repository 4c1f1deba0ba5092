package io.github.shopsaga.messaging;

import io.github.shopsaga.events.SagaEvent;
import java.util.List;

/**
 * How a service applies a poll's worth of events in one transaction with a constant number of
 * statements: it {@link #load loads} every row the events touch at once, {@link #apply decides}
 * each event in memory, in delivery order, and {@link #store stores} the changes at once. The
 * {@link Inbox} runs the three steps, records the events' ids and writes the events the decisions
 * cause to the outbox, all in the same transaction. That transaction is a plain JDBC one: handlers
 * read and write with {@code JdbcClient} (a JPA repository would not take part in it).
 *
 * @param <E> the events the service consumes
 * @param <S> what {@link #load} reads: the rows of the batch, changed in memory by {@link #apply}
 */
public interface BatchHandler<E extends SagaEvent, S> {

  /**
   * Whether the service acts on the event at all. The {@link Inbox} skips the others before the
   * transaction, without recording them (applying them again would change nothing either), so a
   * poll of such events alone costs no transaction; {@link #apply} never sees them.
   */
  default boolean actsOn(E event) {
    return true;
  }

  /**
   * Reads, one statement per table, the rows that the events touch, locking in key order those that
   * change ({@code ... where id = any(?) order by id for no key update}), so that concurrent
   * batches queue on each row instead of deadlocking.
   */
  S load(List<E> events);

  /**
   * Applies one event to the loaded rows, in memory, and returns the events that this causes (none
   * when the event comes too late or changes nothing). Runs under the trace of the event's record,
   * so the events it causes continue that trace.
   */
  List<? extends SagaEvent> apply(S state, E event);

  /**
   * Adds to {@code writes} what {@link #apply} changed, one statement per table and kind of change;
   * the inbox sends them as one statement with the outbox's insert of the events they cause. (A
   * store that must read what it wrote back may run its statements itself instead.)
   */
  void store(S state, SqlWrites writes);

  /** Runs after the transaction committed: hand work on, record meters. */
  default void committed(S state) {}
}
