package io.github.shopsaga.notification;

import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.BatchHandler;
import io.github.shopsaga.messaging.Inbox;
import io.github.shopsaga.messaging.SqlWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns each outcome of an order into an e-mail to its customer, a poll at a time. Only the
 * notifications are recorded here, with the events' ids, in one transaction (one statement for the
 * whole poll), claimed for this instance's {@link NotificationDispatcher}, which gets them in
 * memory after the commit and sends them, so an SMTP outage never blocks the partition.
 */
@Component
class OrderEventsListener implements BatchHandler<OrderEvent, List<Notification>> {

  private final Inbox inbox;
  private final NotificationStore store;
  private final NotificationDispatcher dispatcher;

  OrderEventsListener(Inbox inbox, NotificationStore store, NotificationDispatcher dispatcher) {
    this.inbox = inbox;
    this.store = store;
    this.dispatcher = dispatcher;
  }

  @KafkaListener(topics = OrderEvent.TOPIC, batch = "true")
  void on(List<ConsumerRecord<String, SagaEvent>> records) {
    inbox.process(records, OrderEvent.class, this);
  }

  /** Notification acts on outcomes: the events that end an order, or cancel a confirmed one. */
  @Override
  public boolean actsOn(OrderEvent event) {
    return !(event instanceof OrderPlaced);
  }

  @Override
  public List<Notification> load(List<OrderEvent> events) {
    return new ArrayList<>(events.size());
  }

  @Override
  public List<SagaEvent> apply(List<Notification> batch, OrderEvent event) {
    batch.add(
        switch (event) {
          case OrderConfirmed e ->
              notification(e, NotificationType.ORDER_CONFIRMED, EmailTemplates.confirmed(e));
          case OrderRejected e ->
              notification(e, NotificationType.ORDER_REJECTED, EmailTemplates.rejected(e));
          case OrderCancelled e ->
              notification(e, NotificationType.ORDER_CANCELLED, EmailTemplates.cancelled(e));
          case OrderPlaced e -> throw new IllegalArgumentException("not an outcome: " + e.type());
        });
    return List.of();
  }

  private Notification notification(OrderEvent event, NotificationType type, Email email) {
    return dispatcher.claim(
        event.orderId(), event.customerId(), type, event.customerEmail(), email, Instant.now());
  }

  /**
   * Records the batch's e-mails at once, as it must read back which were new: those an order had
   * already are left out of the hand-off.
   */
  @Override
  public void store(List<Notification> batch, SqlWrites writes) {
    List<Notification> recorded = store.insertAll(batch);
    batch.clear();
    batch.addAll(recorded);
  }

  @Override
  public void committed(List<Notification> recorded) {
    dispatcher.handOff(recorded);
  }
}
