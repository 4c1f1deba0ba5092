package io.github.shopsaga.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The stock an order held is available again.
 *
 * <p>Published by inventory-service on {@link OrderCancelled} when the order held stock. Consumed
 * by order-service, which adds it to the order's history.
 */
public record StockReleased(UUID eventId, UUID orderId, Instant occurredAt, List<OrderLine> lines)
    implements InventoryEvent {

  public StockReleased {
    lines = List.copyOf(lines);
  }
}
