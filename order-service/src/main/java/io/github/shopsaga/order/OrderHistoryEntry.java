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
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One event an order went through, published by order-service or received from inventory or
 * payment, in the order order-service recorded them (the id).
 */
@Entity
@Table(name = "order_history")
class OrderHistoryEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private UUID orderId;

  private UUID eventId;

  private String type;

  private Instant occurredAt;

  /** The event's reason (rejection, decline or cancellation), if it has one. */
  private String reason;

  /** The money the event is about (a total, a charge, a refund), if any. */
  private BigDecimal amount;

  private String currency;

  protected OrderHistoryEntry() {}

  private OrderHistoryEntry(SagaEvent event, String reason, Money amount) {
    this.orderId = event.orderId();
    this.eventId = event.eventId();
    this.type = event.type();
    this.occurredAt = event.occurredAt();
    this.reason = reason;
    this.amount = amount == null ? null : amount.amount();
    this.currency = amount == null ? null : amount.currency();
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
      case OrderRejected e -> new OrderHistoryEntry(e, e.reason().name(), null);
      case OrderCancelled e -> new OrderHistoryEntry(e, e.reason().name(), e.total());
    };
  }

  private static OrderHistoryEntry ofInventoryEvent(InventoryEvent event) {
    return switch (event) {
      case StockReserved e -> new OrderHistoryEntry(e, null, e.total());
      case StockRejected e -> new OrderHistoryEntry(e, e.reason().name(), null);
      case StockReleased e -> new OrderHistoryEntry(e, null, null);
    };
  }

  private static OrderHistoryEntry ofPaymentEvent(PaymentEvent event) {
    return switch (event) {
      case PaymentCharged e -> new OrderHistoryEntry(e, null, e.amount());
      case PaymentDeclined e -> new OrderHistoryEntry(e, e.reason().name(), e.amount());
      case PaymentRefunded e -> new OrderHistoryEntry(e, null, e.amount());
    };
  }

  UUID orderId() {
    return orderId;
  }

  UUID eventId() {
    return eventId;
  }

  String type() {
    return type;
  }

  Instant occurredAt() {
    return occurredAt;
  }

  String reason() {
    return reason;
  }

  BigDecimal amount() {
    return amount;
  }

  String currency() {
    return currency;
  }
}
