package io.github.shopsaga.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order is cancelled: whatever it holds must be given back.
 *
 * <p>Published by order-service when the payment is declined, the customer cancels, or the saga
 * times out. Consumed by inventory-service (releases the order's stock, also after confirmation),
 * payment-service (refunds a charge, or makes sure a late reservation is never charged) and
 * notification-service (the cancellation e-mail). {@code total} is {@code null} when the order was
 * cancelled before inventory priced it.
 */
public record OrderCancelled(
    UUID eventId,
    UUID orderId,
    Instant occurredAt,
    String customerId,
    String customerEmail,
    List<OrderLine> lines,
    Money total,
    CancellationReason reason)
    implements OrderEvent {

  public OrderCancelled {
    lines = List.copyOf(lines);
  }
}
