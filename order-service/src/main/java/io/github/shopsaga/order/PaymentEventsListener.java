package io.github.shopsaga.order;

import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.PaymentDeclined;
import io.github.shopsaga.events.PaymentEvent;
import io.github.shopsaga.events.PaymentRefunded;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.Inbox;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Applies payment's answers to orders, each event once. */
@Component
class PaymentEventsListener {

  private final Inbox inbox;
  private final OrderSaga saga;

  PaymentEventsListener(Inbox inbox, OrderSaga saga) {
    this.inbox = inbox;
    this.saga = saga;
  }

  @KafkaListener(topics = PaymentEvent.TOPIC, batch = "true")
  void on(List<ConsumerRecord<String, SagaEvent>> records) {
    inbox.processAll(records, PaymentEvent.class, this::apply);
  }

  private void apply(PaymentEvent event) {
    switch (event) {
      case PaymentCharged e -> saga.paymentCharged(e);
      case PaymentDeclined e -> saga.paymentDeclined(e);
      case PaymentRefunded e -> saga.recordOnly(e);
    }
  }
}
