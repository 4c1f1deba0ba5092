package io.github.shopsaga.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order is paid and final: its reserved stock is sold.
 *
 * <p>Published by order-service when a {@link PaymentCharged} arrives for an order awaiting
 * payment. Consumed by inventory-service (the reserved units leave for good) and
 * notification-service (the confirmation e-mail).
 */
public record OrderConfirmed(
    UUID eventId,
    UUID orderId,
    Instant occurredAt,
    String customerId,
    String customerEmail,
    List<PricedLine> lines,
    Money total)
    implements OrderEvent {

  public OrderConfirmed {
    lines = List.copyOf(lines);
  }
}
