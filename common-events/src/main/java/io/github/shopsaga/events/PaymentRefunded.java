package io.github.shopsaga.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A charge was given back to the customer's balance because its order was cancelled.
 *
 * <p>Published by payment-service on {@link OrderCancelled} for a charged order. Consumed by
 * order-service, which adds it to the order's history.
 */
public record PaymentRefunded(
    UUID eventId, UUID orderId, Instant occurredAt, UUID paymentId, String customerId, Money amount)
    implements PaymentEvent {}
