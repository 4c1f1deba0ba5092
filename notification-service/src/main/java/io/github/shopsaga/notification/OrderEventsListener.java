package io.github.shopsaga.notification;

import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.Inbox;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns each outcome of an order into an e-mail to its customer. Only the notification is recorded
 * here, with the event's id, in one transaction; the {@link NotificationDispatcher} sends it after
 * the commit, so an SMTP outage never blocks the partition.
 */
@Component
class OrderEventsListener {

  private final Inbox inbox;
  private final NotificationDispatcher dispatcher;

  OrderEventsListener(Inbox inbox, NotificationDispatcher dispatcher) {
    this.inbox = inbox;
    this.dispatcher = dispatcher;
  }

  @KafkaListener(topics = OrderEvent.TOPIC, batch = "true")
  void on(List<ConsumerRecord<String, SagaEvent>> records) {
    inbox.processAll(
        records, OrderEvent.class, event -> !(event instanceof OrderPlaced), this::apply);
  }

  private void apply(OrderEvent event) {
    switch (event) {
      case OrderConfirmed e ->
          notify(e, NotificationType.ORDER_CONFIRMED, EmailTemplates.confirmed(e));
      case OrderRejected e ->
          notify(e, NotificationType.ORDER_REJECTED, EmailTemplates.rejected(e));
      case OrderCancelled e ->
          notify(e, NotificationType.ORDER_CANCELLED, EmailTemplates.cancelled(e));
      case OrderPlaced _ -> {
        // Skipped by on(): nothing to tell yet, the customer hears about the outcome.
      }
    }
  }

  private void notify(OrderEvent event, NotificationType type, Email email) {
    dispatcher.enqueue(
        Notification.pending(event.orderId(), type, event.customerEmail(), email, Instant.now()));
  }
}
