package io.github.shopsaga.order;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReleased;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.Inbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Applies inventory's answers to orders, each event once. */
@Component
class InventoryEventsListener {

  private final Inbox inbox;
  private final OrderSaga saga;

  InventoryEventsListener(Inbox inbox, OrderSaga saga) {
    this.inbox = inbox;
    this.saga = saga;
  }

  @KafkaListener(topics = InventoryEvent.TOPIC)
  void on(InventoryEvent event) {
    switch (event) {
      case StockReserved e -> inbox.processOnce(e, saga::stockReserved);
      case StockRejected e -> inbox.processOnce(e, saga::stockRejected);
      case StockReleased e -> inbox.processOnce(e, saga::recordOnly);
    }
  }
}
