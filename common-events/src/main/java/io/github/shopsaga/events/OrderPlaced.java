package io.github.shopsaga.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer placed an order; nothing is reserved or priced yet.
 *
 * <p>Published by order-service when it accepts {@code POST /api/orders}. Consumed by
 * inventory-service, which reserves and prices the lines (or rejects the order).
 */
public record OrderPlaced(
    UUID eventId,
    UUID orderId,
    Instant occurredAt,
    String customerId,
    String customerEmail,
    List<OrderLine> lines)
    implements OrderEvent {

  public OrderPlaced {
    lines = List.copyOf(lines);
  }
}
