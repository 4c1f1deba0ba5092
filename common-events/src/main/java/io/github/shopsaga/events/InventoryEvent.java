package io.github.shopsaga.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Events published by inventory-service on {@value Topics#INVENTORY_EVENTS}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = StockReserved.class, name = "StockReserved"),
  @JsonSubTypes.Type(value = StockRejected.class, name = "StockRejected"),
  @JsonSubTypes.Type(value = StockReleased.class, name = "StockReleased")
})
public sealed interface InventoryEvent extends SagaEvent
    permits StockReserved, StockRejected, StockReleased {

  String TOPIC = Topics.INVENTORY_EVENTS;

  @Override
  default String topic() {
    return TOPIC;
  }
}
