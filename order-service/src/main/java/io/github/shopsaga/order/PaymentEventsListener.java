package io.github.shopsaga.order;

import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.PaymentDeclined;
import io.github.shopsaga.events.PaymentEvent;
import io.github.shopsaga.events.PaymentRefunded;
import io.github.shopsaga.messaging.Inbox;
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

  @KafkaListener(topics = PaymentEvent.TOPIC)
  void on(PaymentEvent event) {
    switch (event) {
      case PaymentCharged e -> inbox.processOnce(e, saga::paymentCharged);
      case PaymentDeclined e -> inbox.processOnce(e, saga::paymentDeclined);
      case PaymentRefunded e -> inbox.processOnce(e, saga::recordOnly);
    }
  }
}
