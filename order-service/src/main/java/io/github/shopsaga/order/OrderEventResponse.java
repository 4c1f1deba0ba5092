package io.github.shopsaga.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of {@code GET /api/orders/{id}/events}.
 *
 * @param type the event's logical type name, e.g. {@code StockReserved}
 * @param occurredAt when the event happened, as its publisher stated
 * @param eventId the event's id
 * @param reason the rejection, decline or cancellation reason ({@code OUT_OF_STOCK}, {@code
 *     INSUFFICIENT_FUNDS}, {@code CUSTOMER_CANCELLED}, ...), else {@code null}
 * @param amount the total (StockReserved, OrderConfirmed, OrderCancelled once priced) or the
 *     payment's amount (Payment*), else {@code null}
 * @param currency the currency of {@code amount}, else {@code null}
 */
record OrderEventResponse(
    String type,
    Instant occurredAt,
    UUID eventId,
    String reason,
    BigDecimal amount,
    String currency) {}
