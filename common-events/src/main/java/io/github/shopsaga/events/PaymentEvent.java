package io.github.shopsaga.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.UUID;

/** Events published by payment-service on {@value Topics#PAYMENT_EVENTS}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PaymentCharged.class, name = "PaymentCharged"),
  @JsonSubTypes.Type(value = PaymentDeclined.class, name = "PaymentDeclined"),
  @JsonSubTypes.Type(value = PaymentRefunded.class, name = "PaymentRefunded")
})
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
