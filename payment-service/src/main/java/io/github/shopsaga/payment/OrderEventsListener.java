package io.github.shopsaga.payment;

import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.Inbox;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Refunds a cancelled order, or makes sure its late reservation is never charged. */
@Component
class OrderEventsListener {

  private final Inbox inbox;
  private final PaymentProvider provider;

  OrderEventsListener(Inbox inbox, PaymentProvider provider) {
    this.inbox = inbox;
    this.provider = provider;
  }

  @KafkaListener(topics = OrderEvent.TOPIC, batch = "true")
  void on(List<ConsumerRecord<String, SagaEvent>> records) {
    inbox.processAll(records, OrderEvent.class, OrderCancelled.class::isInstance, this::apply);
  }

  private void apply(OrderEvent event) {
    switch (event) {
      case OrderCancelled cancelled -> provider.refund(cancelled);
      case OrderPlaced _, OrderConfirmed _, OrderRejected _ -> {
        // Skipped by on(): payment acts on the reservation, not on the order's own milestones.
      }
    }
  }
}
