package io.github.shopsaga.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order resource. {@code unitPrice} and {@code total} are {@code null} until inventory has
 * priced the order; money has two decimals.
 */
record OrderResponse(
    UUID id,
    String customerId,
    String customerEmail,
    OrderStatus status,
    FailureReason failureReason,
    List<Item> items,
    BigDecimal total,
    String currency,
    Instant createdAt,
    Instant updatedAt) {

  record Item(String sku, int quantity, BigDecimal unitPrice) {}

  static OrderResponse of(Order order) {
    return new OrderResponse(
        order.id(),
        order.customerId(),
        order.customerEmail(),
        order.status(),
        order.failureReason(),
        order.items().stream()
            .map(item -> new Item(item.sku(), item.quantity(), item.unitPrice()))
            .toList(),
        order.total(),
        order.currency(),
        order.createdAt(),
        order.updatedAt());
  }
}
