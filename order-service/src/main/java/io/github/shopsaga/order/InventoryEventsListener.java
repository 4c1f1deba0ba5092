package io.github.shopsaga.order;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReleased;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.Inbox;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

  @KafkaListener(topics = InventoryEvent.TOPIC, batch = "true")
  void on(List<ConsumerRecord<String, SagaEvent>> records) {
    inbox.processAll(records, InventoryEvent.class, this::apply);
  }

  private void apply(InventoryEvent event) {
    switch (event) {
      case StockReserved e -> saga.stockReserved(e);
      case StockRejected e -> saga.stockRejected(e);
      case StockReleased e -> saga.recordOnly(e);
    }
  }
}
