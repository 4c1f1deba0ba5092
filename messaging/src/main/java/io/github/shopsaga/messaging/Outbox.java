package io.github.shopsaga.messaging;

import io.github.shopsaga.events.SagaEvent;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Records events in the transaction of the state change they announce (the transactional outbox).
 *
 * <p>Nothing is sent here: the event becomes visible to the {@link OutboxPublisher} when the
 * transaction commits, and the commit wakes it up, so the event reaches Kafka within milliseconds.
 * If the transaction rolls back, the event never existed; if the process dies after the commit, the
 * event is published after restart.
 */
public class Outbox {

  private final JdbcClient jdbc;
  private final OutboxPublisher publisher;
  private final TraceHeaders traceHeaders;

  Outbox(JdbcClient jdbc, OutboxPublisher publisher, TraceHeaders traceHeaders) {
    this.jdbc = jdbc;
    this.publisher = publisher;
    this.traceHeaders = traceHeaders;
  }

  /** Records the event for publication on its topic, keyed by its order id. */
  public void publish(SagaEvent event) {
    Assert.state(
        TransactionSynchronizationManager.isActualTransactionActive(),
        "An event must be recorded in the transaction of the change it announces");
    Map<String, String> headers = traceHeaders.current();
    jdbc.sql(
            """
            insert into outbox (topic, record_key, event_type, payload, headers)
            values (?, ?, ?, ?, ?)""")
        .params(
            event.topic(),
            event.orderId().toString(),
            event.type(),
            EventJson.write(event),
            headers.isEmpty() ? null : EventJson.mapper().writeValueAsString(headers))
        .update();
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            publisher.wakeUp();
          }
        });
  }
}
