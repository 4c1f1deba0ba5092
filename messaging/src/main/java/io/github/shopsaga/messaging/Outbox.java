package io.github.shopsaga.messaging;

import io.github.shopsaga.events.SagaEvent;
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

  /** Records the events, in this order, with one statement. */
  public void publishAll(List<Message> messages) {
    Assert.state(
        TransactionSynchronizationManager.isActualTransactionActive(),
        "Events must be recorded in the transaction of the change they announce");
    if (messages.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            insert into outbox (topic, record_key, event_type, payload, headers)
            select topic, record_key, event_type, payload, headers
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
              with ordinality as m (topic, record_key, event_type, payload, headers, position)
            order by position""")
        .params(
            SqlArrays.texts(messages, message -> message.event().topic()),
            SqlArrays.texts(messages, message -> message.event().orderId()),
            SqlArrays.texts(messages, message -> message.event().type()),
            SqlArrays.texts(messages, message -> EventJson.write(message.event())),
            SqlArrays.texts(messages, Outbox::headersJson))
        .update();
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            publisher.wakeUp();
          }
        });
  }

  private static String headersJson(Message message) {
    return message.traceHeaders().isEmpty()
        ? null
        : EventJson.mapper().writeValueAsString(message.traceHeaders());
  }
}
