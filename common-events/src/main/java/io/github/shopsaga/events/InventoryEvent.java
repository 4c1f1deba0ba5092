package io.github.shopsaga.events;

/** Events published by inventory-service on {@value Topics#INVENTORY_EVENTS}. */
public sealed interface InventoryEvent extends SagaEvent
    permits StockReserved, StockRejected, StockReleased {

  String TOPIC = Topics.INVENTORY_EVENTS;

  @Override
  default String topic() {
    return TOPIC;
  }
}
