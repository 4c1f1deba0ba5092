package io.github.shopsaga.order;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.Outbox;
import org.springframework.stereotype.Component;

/**
 * Writes what happens to orders: into their history and, for order-service's own events, the
 * outbox.
 */
@Component
class OrderJournal {

  private final OrderHistoryRepository history;
  private final Outbox outbox;

  OrderJournal(OrderHistoryRepository history, Outbox outbox) {
    this.history = history;
    this.outbox = outbox;
  }

  /** Adds an event received from another service to its order's history. */
  void received(SagaEvent event) {
    history.save(OrderHistoryEntry.of(event));
  }

  /** Records and publishes an event of order-service, in the transaction of the change. */
  void publish(OrderEvent event) {
    history.save(OrderHistoryEntry.of(event));
    outbox.publish(event);
  }
}
