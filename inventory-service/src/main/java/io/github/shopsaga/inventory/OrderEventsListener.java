package io.github.shopsaga.inventory;

import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.messaging.Inbox;
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

  @KafkaListener(topics = OrderEvent.TOPIC)
  void on(OrderEvent event) {
    switch (event) {
      case OrderPlaced placed -> inbox.processOnce(placed, stock::reserve);
      case OrderConfirmed confirmed -> inbox.processOnce(confirmed, stock::confirm);
      case OrderCancelled cancelled -> inbox.processOnce(cancelled, stock::release);
      // Rejected by inventory itself: nothing is held.
      case OrderRejected _ -> {}
    }
  }
}
