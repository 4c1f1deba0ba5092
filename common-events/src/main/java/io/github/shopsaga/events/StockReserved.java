package io.github.shopsaga.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every line of the order is reserved and priced from the catalogue.
 *
 * <p>Published by inventory-service on {@link OrderPlaced}. Consumed by order-service (the order
 * awaits payment, now priced) and payment-service (charges {@code total} to the customer).
 */
public record StockReserved(
    UUID eventId,
    UUID orderId,
    Instant occurredAt,
    String customerId,
    List<PricedLine> lines,
    Money total)
    implements InventoryEvent {

  public StockReserved {
    lines = List.copyOf(lines);
  }
}
