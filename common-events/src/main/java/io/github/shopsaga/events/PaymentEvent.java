package io.github.shopsaga.events;

import java.util.UUID;

/** Events published by payment-service on {@value Topics#PAYMENT_EVENTS}. */
public sealed interface PaymentEvent extends SagaEvent
    permits PaymentCharged, PaymentDeclined, PaymentRefunded {

  String TOPIC = Topics.PAYMENT_EVENTS;

  @Override
  default String topic() {
    return TOPIC;
  }

  UUID paymentId();

  String customerId();

  Money amount();
}
