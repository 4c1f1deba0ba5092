package io.github.shopsaga.order;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.annotations.BatchSize;

/**
 * The order aggregate and its state machine.
 *
 * <p>PENDING → AWAITING_PAYMENT (stock reserved and priced) → CONFIRMED (paid); or REJECTED (no
 * stock) or CANCELLED (payment declined, customer, or still running at its deadline). Inventory and
 * payment events travel on different topics, so a payment may be reported before the reservation it
 * followed: a PENDING order remembers the payment and confirms as soon as it is reserved. The
 * reactions to events return {@code false} and change nothing when the event comes too late (the
 * order moved on) or twice, so a final state never regresses: a CANCELLED order never becomes
 * CONFIRMED.
 */
@Entity
@Table(name = "orders")
class Order {

  @Id private UUID id;

  private String customerId;

  private String customerEmail;

  @Enumerated(EnumType.STRING)
  private OrderStatus status;

  @Enumerated(EnumType.STRING)
  private FailureReason failureReason;

  @ElementCollection
  @CollectionTable(name = "order_item", joinColumns = @JoinColumn(name = "order_id"))
  @OrderColumn(name = "line_no")
  @BatchSize(size = 100)
  private List<OrderItem> items = new ArrayList<>();

  private BigDecimal total;

  private String currency;

  /** The charge reported by payment-service; set while PENDING when it overtook the reservation. */
  private UUID paymentId;

  private Instant createdAt;

  private Instant updatedAt;

  /** When the saga must be over: a PENDING or AWAITING_PAYMENT order is then cancelled. */
  private Instant deadline;

  // A wrapper, null until the order is first stored: that is how Spring Data tells a new order
  // (persist: one insert) from a stored one (merge: a select first).
  @Version private Long version;

  protected Order() {}

  private Order(
      UUID id,
      String customerId,
      String customerEmail,
      List<OrderItem> items,
      String currency,
      Instant at,
      Duration sagaTimeout) {
    this.id = id;
    this.customerId = customerId;
    this.customerEmail = customerEmail;
    this.items = new ArrayList<>(items);
    this.currency = currency;
    this.status = OrderStatus.PENDING;
    this.createdAt = truncate(at);
    this.updatedAt = this.createdAt;
    this.deadline = this.createdAt.plus(sagaTimeout);
  }

  /** A new order, PENDING and not priced, whose saga must be over within {@code sagaTimeout}. */
  static Order place(
      UUID id,
      String customerId,
      String customerEmail,
      List<OrderLine> lines,
      String currency,
      Instant at,
      Duration sagaTimeout) {
    if (!sagaTimeout.isPositive()) {
      throw new IllegalArgumentException("the saga timeout must be positive: " + sagaTimeout);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an order needs at least one line");
    }
    if (lines.stream().map(OrderLine::sku).distinct().count() != lines.size()) {
      throw new IllegalArgumentException("an order lists each sku once");
    }
    return new Order(
        id,
        customerId,
        customerEmail,
        lines.stream().map(line -> OrderItem.unpriced(line.sku(), line.quantity())).toList(),
        currency,
        at,
        sagaTimeout);
  }

  /**
   * Inventory reserved and priced every line: the order awaits payment, or is CONFIRMED at once if
   * the payment came first. Ignored unless PENDING.
   */
  boolean reserve(List<PricedLine> priced, Money total, Instant at) {
    if (status != OrderStatus.PENDING) {
      return false;
    }
    if (!currency.equals(total.currency())) {
      throw new IllegalArgumentException(
          "order %s is in %s, not %s".formatted(id, currency, total.currency()));
    }
    Map<String, PricedLine> bySku =
        priced.stream().collect(Collectors.toMap(PricedLine::sku, Function.identity()));
    List<OrderItem> pricedItems = new ArrayList<>(items.size());
    for (OrderItem item : items) {
      PricedLine line = bySku.get(item.sku());
      if (line == null || line.quantity() != item.quantity()) {
        throw new IllegalArgumentException(
            "the reservation of order %s does not match its line %s".formatted(id, item.sku()));
      }
      pricedItems.add(item.pricedAt(line.unitPrice()));
    }
    items.clear();
    items.addAll(pricedItems);
    this.total = total.amount();
    this.status = paymentId != null ? OrderStatus.CONFIRMED : OrderStatus.AWAITING_PAYMENT;
    touch(at);
    return true;
  }

  /**
   * Payment-service charged the order: it is CONFIRMED if reserved, remembered if still PENDING.
   * Ignored once CONFIRMED, REJECTED or CANCELLED (payment-service refunds a cancelled order on its
   * own).
   */
  boolean recordPayment(UUID paymentId, Instant at) {
    return switch (status) {
      case PENDING -> {
        if (this.paymentId != null) {
          yield false;
        }
        this.paymentId = paymentId;
        touch(at);
        yield true;
      }
      case AWAITING_PAYMENT -> {
        this.paymentId = paymentId;
        this.status = OrderStatus.CONFIRMED;
        touch(at);
        yield true;
      }
      case CONFIRMED, REJECTED, CANCELLED -> false;
    };
  }

  /** Payment-service declined the order: CANCELLED unless it is already over. */
  boolean declinePayment(Instant at) {
    if (status != OrderStatus.PENDING && status != OrderStatus.AWAITING_PAYMENT) {
      return false;
    }
    end(OrderStatus.CANCELLED, FailureReason.PAYMENT_DECLINED, at);
    return true;
  }

  /** Inventory could not reserve the order: REJECTED, unless it is no longer PENDING. */
  boolean reject(RejectionReason reason, Instant at) {
    if (status != OrderStatus.PENDING) {
      return false;
    }
    end(OrderStatus.REJECTED, FailureReason.of(reason), at);
    return true;
  }

  /**
   * The deadline passed while the saga was still running (PENDING or AWAITING_PAYMENT): the order
   * is CANCELLED as TIMED_OUT, so that its stock is released and a charge refunded, and a
   * reservation or payment reported later never confirms it. Ignored before the deadline and once
   * the order is CONFIRMED, REJECTED or CANCELLED.
   */
  boolean timeOut(Instant now) {
    if (status != OrderStatus.PENDING && status != OrderStatus.AWAITING_PAYMENT) {
      return false;
    }
    if (now.isBefore(deadline)) {
      return false;
    }
    end(OrderStatus.CANCELLED, FailureReason.TIMED_OUT, now);
    return true;
  }

  /** Whether {@link #cancel} is allowed: the order is not over yet (CONFIRMED still counts). */
  boolean isCancellable() {
    return switch (status) {
      case PENDING, AWAITING_PAYMENT, CONFIRMED -> true;
      case REJECTED, CANCELLED -> false;
    };
  }

  /**
   * Cancels the order, also after confirmation (its stock is released and its charge refunded).
   *
   * @throws IllegalStateException if the order is already REJECTED or CANCELLED
   */
  void cancel(CancellationReason reason, Instant at) {
    if (!isCancellable()) {
      throw new IllegalStateException(
          "order %s is %s and cannot be cancelled".formatted(id, status));
    }
    end(OrderStatus.CANCELLED, FailureReason.of(reason), at);
  }

  private void end(OrderStatus finalStatus, FailureReason reason, Instant at) {
    this.status = finalStatus;
    this.failureReason = reason;
    touch(at);
  }

  private void touch(Instant at) {
    this.updatedAt = truncate(at);
  }

  /** PostgreSQL keeps microseconds: an order reads the same before and after it is stored. */
  private static Instant truncate(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  UUID id() {
    return id;
  }

  String customerId() {
    return customerId;
  }

  String customerEmail() {
    return customerEmail;
  }

  OrderStatus status() {
    return status;
  }

  FailureReason failureReason() {
    return failureReason;
  }

  List<OrderItem> items() {
    return List.copyOf(items);
  }

  /** The total at two decimals, or {@code null} until priced. */
  BigDecimal total() {
    return total == null ? null : total.setScale(2, RoundingMode.UNNECESSARY);
  }

  /** The total as money, or {@code null} until priced. */
  Money totalMoney() {
    return total == null ? null : new Money(total, currency);
  }

  String currency() {
    return currency;
  }

  boolean isPaid() {
    return paymentId != null;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  Instant deadline() {
    return deadline;
  }

  List<OrderLine> lines() {
    return items.stream().map(item -> new OrderLine(item.sku(), item.quantity())).toList();
  }

  /** The priced lines; only once reserved. */
  List<PricedLine> pricedLines() {
    return items.stream()
        .map(item -> new PricedLine(item.sku(), item.quantity(), item.unitPrice()))
        .toList();
  }
}
