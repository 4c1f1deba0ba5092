package io.github.shopsaga.inventory;

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

/** Reacts to the order saga: reserve on placement, sell on confirmation, give back on cancel. */
@Component
class OrderEventsListener {

  private final Inbox inbox;
  private final StockReservations stock;

  OrderEventsListener(Inbox inbox, StockReservations stock) {
    this.inbox = inbox;
    this.stock = stock;
  }

  @KafkaListener(topics = OrderEvent.TOPIC, batch = "true")
  void on(List<ConsumerRecord<String, SagaEvent>> records) {
    inbox.processAll(
        records, OrderEvent.class, event -> !(event instanceof OrderRejected), this::apply);
  }

  private void apply(OrderEvent event) {
    switch (event) {
      case OrderPlaced placed -> stock.reserve(placed);
      case OrderConfirmed confirmed -> stock.confirm(confirmed);
      case OrderCancelled cancelled -> stock.release(cancelled);
      // Skipped by on(): rejected by inventory itself, so nothing is held.
      case OrderRejected _ -> {}
    }
  }
}
