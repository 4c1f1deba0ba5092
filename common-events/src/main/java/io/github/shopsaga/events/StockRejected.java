package io.github.shopsaga.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order could not be reserved, and nothing of it is held.
 *
 * <p>Published by inventory-service on {@link OrderPlaced} when a product is unknown or short of
 * stock; {@code skus} names the lines at fault. Consumed by order-service (the order is rejected).
 */
public record StockRejected(
    UUID eventId, UUID orderId, Instant occurredAt, RejectionReason reason, List<String> skus)
    implements InventoryEvent {

  public StockRejected {
    skus = List.copyOf(skus);
  }
}
