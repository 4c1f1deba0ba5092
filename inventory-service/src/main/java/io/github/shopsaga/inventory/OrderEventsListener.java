package io.github.shopsaga.inventory;

import io.github.shopsaga.events.OrderEvent;
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
    inbox.process(records, OrderEvent.class, stock);
  }
}
