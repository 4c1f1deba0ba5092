package io.github.shopsaga.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Events published by order-service on {@value Topics#ORDER_EVENTS}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OrderPlaced.class, name = "OrderPlaced"),
  @JsonSubTypes.Type(value = OrderConfirmed.class, name = "OrderConfirmed"),
  @JsonSubTypes.Type(value = OrderRejected.class, name = "OrderRejected"),
  @JsonSubTypes.Type(value = OrderCancelled.class, name = "OrderCancelled")
})
public sealed interface OrderEvent extends SagaEvent
    permits OrderPlaced, OrderConfirmed, OrderRejected, OrderCancelled {

  String TOPIC = Topics.ORDER_EVENTS;

  @Override
  default String topic() {
    return TOPIC;
  }

  String customerId();

  String customerEmail();
}
