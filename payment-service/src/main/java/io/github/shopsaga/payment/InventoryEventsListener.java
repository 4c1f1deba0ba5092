package io.github.shopsaga.payment;

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

/** Charges an order once inventory has reserved and priced it. */
@Component
class InventoryEventsListener {

  private final Inbox inbox;
  private final PaymentProvider provider;

  InventoryEventsListener(Inbox inbox, PaymentProvider provider) {
    this.inbox = inbox;
    this.provider = provider;
  }

  @KafkaListener(topics = InventoryEvent.TOPIC, batch = "true")
  void on(List<ConsumerRecord<String, SagaEvent>> records) {
    inbox.processAll(records, InventoryEvent.class, StockReserved.class::isInstance, this::apply);
  }

  private void apply(InventoryEvent event) {
    switch (event) {
      case StockReserved reserved -> provider.charge(reserved);
      case StockRejected _, StockReleased _ -> {
        // Skipped by on(): nothing was charged for a rejected order, and a release follows a
        // cancellation, handled on its own.
      }
    }
  }
}
