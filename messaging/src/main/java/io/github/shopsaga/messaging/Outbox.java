package io.github.shopsaga.messaging;

import io.github.shopsaga.events.SagaEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Records events in the transaction of the state change they announce (the transactional outbox).
 *
 * <p>Nothing is sent here: the events become visible to the {@link OutboxPublisher} when the
 * transaction commits, and the commit wakes it up, so they reach Kafka within milliseconds. If the
 * transaction rolls back, the events never existed; if the process dies after the commit, they are
 * published after restart, or by another instance.
 */
public class Outbox {

  /** An event to record, with the trace context it continues. */
  public record Message(SagaEvent event, Map<String, String> traceHeaders) {}

  private final JdbcClient jdbc;
  private final OutboxPublisher publisher;
  private final TraceHeaders traceHeaders;

  Outbox(JdbcClient jdbc, OutboxPublisher publisher, TraceHeaders traceHeaders) {
    this.jdbc = jdbc;
    this.publisher = publisher;
    this.traceHeaders = traceHeaders;
  }

  /** The event with the trace context of this thread, to record later with others. */
  public Message message(SagaEvent event) {
    return new Message(event, traceHeaders.current());
  }

  /** Records the event for publication on its topic, keyed by its order id. */
  public void publish(SagaEvent event) {
    publishAll(List.of(message(event)));
  }

  /**
   * Records the events, in this order, with one statement. On the instance that sends the outbox,
   * the rows are also handed to the publisher just before the commit, so it sends them without
   * reading them back.
   */
  public void publishAll(List<Message> messages) {
    publishAll(messages, new SqlWrites());
  }

  /**
   * Runs {@code writes} and records the events, in this order, in one statement: a batch's changes
   * and the events they cause cost one round trip. Otherwise as {@link #publishAll(List)}.
   */
  public void publishAll(List<Message> messages, SqlWrites writes) {
    Assert.state(
        TransactionSynchronizationManager.isActualTransactionActive(),
        "Events must be recorded in the transaction of the change they announce");
    if (messages.isEmpty()) {
      writes.execute(jdbc);
      return;
    }
    List<String> payloads = messages.stream().map(m -> EventJson.write(m.event())).toList();
    List<String> headers = messages.stream().map(Outbox::headersJson).toList();
    List<Long> ids =
        writes
            .before(
                jdbc,
                """
                insert into outbox (topic, record_key, event_type, payload, headers)
                select topic, record_key, event_type, payload, headers
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                  with ordinality as m (topic, record_key, event_type, payload, headers, position)
                order by position
                returning id""",
                SqlArrays.texts(messages, message -> message.event().topic()),
                SqlArrays.texts(messages, message -> message.event().orderId()),
                SqlArrays.texts(messages, message -> message.event().type()),
                payloads.toArray(String[]::new),
                headers.toArray(String[]::new))
            .query(Long.class)
            .list()
            .stream()
            // Ids are drawn as the rows are inserted, in the messages' order.
            .sorted()
            .toList();
    if (!publisher.isSender()) {
      // Another instance sends this database's outbox: tell it, at the commit, that rows wait
      // (OutboxNotifications). One statement more per transaction, on this instance only.
      jdbc.sql("notify " + OutboxNotifications.CHANNEL).update();
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              publisher.wakeUp();
            }
          });
      return;
    }
    Instant recordedAt = Instant.now();
    List<OutboxPublisher.PendingRecord> rows = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      SagaEvent event = messages.get(i).event();
      rows.add(
          new OutboxPublisher.PendingRecord(
              ids.get(i),
              event.topic(),
              event.orderId().toString(),
              payloads.get(i),
              headers.get(i),
              recordedAt,
              null));
    }
    TransactionSynchronizationManager.registerSynchronization(new HandOff(rows));
  }

  /**
   * Hands the transaction's rows to the publisher just before the commit, while the transaction
   * still holds its row locks (so a later transaction on the same order hands its rows over later),
   * and tells it how the commit ended.
   */
  private final class HandOff implements TransactionSynchronization {

    private final List<OutboxPublisher.PendingRecord> rows;
    private OutboxHandoffs.Handoff handoff;

    HandOff(List<OutboxPublisher.PendingRecord> rows) {
      this.rows = rows;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      handoff = publisher.handOff(rows);
    }

    @Override
    public void afterCompletion(int status) {
      if (handoff == null) {
        return;
      }
      publisher.completed(
          handoff,
          switch (status) {
            case STATUS_COMMITTED -> OutboxHandoffs.Outcome.COMMITTED;
            case STATUS_ROLLED_BACK -> OutboxHandoffs.Outcome.ROLLED_BACK;
            default -> OutboxHandoffs.Outcome.UNKNOWN;
          });
    }
  }

  private static String headersJson(Message message) {
    return message.traceHeaders().isEmpty()
        ? null
        : EventJson.mapper().writeValueAsString(message.traceHeaders());
  }
}
