package io.github.shopsaga.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event of the saga carries. The order id is also the Kafka record key, so the events of
 * one order stay in one partition and are consumed in the order they were published.
 */
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
