package io.github.shopsaga.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order could not be reserved and is over; nothing was held or charged.
 *
 * <p>Published by order-service when a {@link StockRejected} arrives. Consumed by
 * notification-service (the rejection e-mail).
 */
public record OrderRejected(
    UUID eventId,
    UUID orderId,
    Instant occurredAt,
    String customerId,
    String customerEmail,
    List<OrderLine> lines,
    RejectionReason reason)
    implements OrderEvent {

  public OrderRejected {
    lines = List.copyOf(lines);
  }
}
