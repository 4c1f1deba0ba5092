package io.github.shopsaga.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The order could not be charged; nothing was taken.
 *
 * <p>Published by payment-service on {@link StockReserved} when the customer is unknown or the
 * balance does not cover the total. Consumed by order-service, which cancels the order with {@link
 * CancellationReason#PAYMENT_DECLINED} (and so releases its stock).
 */
public record PaymentDeclined(
    UUID eventId,
    UUID orderId,
    Instant occurredAt,
    UUID paymentId,
    String customerId,
    Money amount,
    DeclineReason reason)
    implements PaymentEvent {}
