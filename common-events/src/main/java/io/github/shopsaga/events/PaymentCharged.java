package io.github.shopsaga.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The order total was taken from the customer's balance.
 *
 * <p>Published by payment-service on {@link StockReserved}. Consumed by order-service (the order is
 * confirmed, unless it was cancelled meanwhile, in which case payment-service refunds it on the
 * {@link OrderCancelled}).
 */
public record PaymentCharged(
    UUID eventId, UUID orderId, Instant occurredAt, UUID paymentId, String customerId, Money amount)
    implements PaymentEvent {}
