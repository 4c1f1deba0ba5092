package io.github.shopsaga.events;

/** Events published by order-service on {@value Topics#ORDER_EVENTS}. */
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
