package io.github.shopsaga.order;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.PaymentDeclined;
import io.github.shopsaga.events.PaymentEvent;
import io.github.shopsaga.events.PaymentRefunded;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReleased;
import io.github.shopsaga.events.StockReserved;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One event an order went through, published by order-service or received from inventory or
 * payment.
 *
 * @param reason the event's reason (rejection, decline or cancellation), if it has one
 * @param amount the money the event is about (a total, a charge, a refund), if any
 */
record OrderHistoryEntry(
    UUID orderId,
    UUID eventId,
    String type,
    Instant occurredAt,
    String reason,
    BigDecimal amount,
    String currency) {

  private OrderHistoryEntry(SagaEvent event, Enum<?> reason, Money amount) {
    this(
        event.orderId(),
        event.eventId(),
        event.type(),
        event.occurredAt(),
        reason == null ? null : reason.name(),
        amount == null ? null : amount.amount(),
        amount == null ? null : amount.currency());
  }

  static OrderHistoryEntry of(SagaEvent event) {
    return switch (event) {
      case OrderEvent orderEvent -> ofOrderEvent(orderEvent);
      case InventoryEvent inventoryEvent -> ofInventoryEvent(inventoryEvent);
      case PaymentEvent paymentEvent -> ofPaymentEvent(paymentEvent);
    };
  }

  private static OrderHistoryEntry ofOrderEvent(OrderEvent event) {
    return switch (event) {
      case OrderPlaced e -> new OrderHistoryEntry(e, null, null);
      case OrderConfirmed e -> new OrderHistoryEntry(e, null, e.total());
      case OrderRejected e -> new OrderHistoryEntry(e, e.reason(), null);
      case OrderCancelled e -> new OrderHistoryEntry(e, e.reason(), e.total());
    };
  }

  private static OrderHistoryEntry ofInventoryEvent(InventoryEvent event) {
    return switch (event) {
      case StockReserved e -> new OrderHistoryEntry(e, null, e.total());
      case StockRejected e -> new OrderHistoryEntry(e, e.reason(), null);
      case StockReleased e -> new OrderHistoryEntry(e, null, null);
    };
  }

  private static OrderHistoryEntry ofPaymentEvent(PaymentEvent event) {
    return switch (event) {
      case PaymentCharged e -> new OrderHistoryEntry(e, null, e.amount());
      case PaymentDeclined e -> new OrderHistoryEntry(e, e.reason(), e.amount());
      case PaymentRefunded e -> new OrderHistoryEntry(e, null, e.amount());
    };
  }
}
