package io.github.shopsaga.messaging;

import io.github.shopsaga.events.SagaEvent;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each event at most once: the event id is recorded in the same transaction as the effect,
 * so a redelivered event (a retry, a rebalance, a replayed topic, a crash before the offset commit)
 * finds its id and changes nothing.
 */
public class Inbox {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  Inbox(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
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

  /** Forgets the ids of events processed before {@code cutoff}; returns how many. */
  public int forgetProcessedBefore(Instant cutoff) {
    return jdbc.sql("delete from processed_event where processed_at < ?")
        .param(java.sql.Timestamp.from(cutoff))
        .update();
  }
}
