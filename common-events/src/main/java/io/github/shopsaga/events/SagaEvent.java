package io.github.shopsaga.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * What every event of the saga carries. The order id is also the Kafka record key, so the events of
 * one order stay in one partition and are consumed in the order they were published.
 *
 * <p>On the wire each event names its logical type in {@code type}, never a Java class name. The
 * names are unique across the three sides, so one deserializer reads any topic; a new event is
 * added here and to its side's {@code permits}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OrderPlaced.class, name = "OrderPlaced"),
  @JsonSubTypes.Type(value = OrderConfirmed.class, name = "OrderConfirmed"),
  @JsonSubTypes.Type(value = OrderRejected.class, name = "OrderRejected"),
  @JsonSubTypes.Type(value = OrderCancelled.class, name = "OrderCancelled"),
  @JsonSubTypes.Type(value = StockReserved.class, name = "StockReserved"),
  @JsonSubTypes.Type(value = StockRejected.class, name = "StockRejected"),
  @JsonSubTypes.Type(value = StockReleased.class, name = "StockReleased"),
  @JsonSubTypes.Type(value = PaymentCharged.class, name = "PaymentCharged"),
  @JsonSubTypes.Type(value = PaymentDeclined.class, name = "PaymentDeclined"),
  @JsonSubTypes.Type(value = PaymentRefunded.class, name = "PaymentRefunded")
})
public sealed interface SagaEvent permits OrderEvent, InventoryEvent, PaymentEvent {

  /** Unique per event; consumers remember it to ignore redeliveries. */
  UUID eventId();

  UUID orderId();

  Instant occurredAt();

  /** The topic this event is published on; owned by the publishing side's interface. */
  String topic();

  /** The logical type name written to the JSON {@code type} property. */
  default String type() {
    return getClass().getSimpleName();
  }
}
