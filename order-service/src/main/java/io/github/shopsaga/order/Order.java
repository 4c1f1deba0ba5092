package io.github.shopsaga.order;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.EventIds;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The order aggregate and its state machine.
 *
 * <p>PENDING → AWAITING_PAYMENT (stock reserved and priced) → CONFIRMED (paid); or REJECTED (no
 * stock) or CANCELLED (payment declined, customer, or still running at its deadline). Inventory and
 * payment events travel on different topics, so a payment may be reported before the reservation it
 * followed: a PENDING order remembers the payment and confirms as soon as it is reserved.
 *
 * <p>Each reaction decides in memory and returns the event it causes, if any, for the caller to
 * publish; it changes nothing when the event comes too late (the order moved on) or twice, so a
 * final state never regresses: a CANCELLED order never becomes CONFIRMED. {@link #isChanged()} and
 * {@link #isRepriced()} tell the store what to write back.
 */
class Order {

  private final UUID id;
  private final String customerId;
  private final String customerEmail;
  private OrderStatus status;
  private FailureReason failureReason;
  private final List<OrderItem> items;
  private BigDecimal total;
  private final String currency;

  /** The charge reported by payment-service; set while PENDING when it overtook the reservation. */
  private UUID paymentId;

  private final Instant createdAt;
  private Instant updatedAt;

  /** When the saga must be over: a PENDING or AWAITING_PAYMENT order is then cancelled. */
  private final Instant deadline;

  private boolean changed;
  private boolean repriced;

  private Order(
      UUID id,
      String customerId,
      String customerEmail,
      OrderStatus status,
      FailureReason failureReason,
      List<OrderItem> items,
      BigDecimal total,
      String currency,
      UUID paymentId,
      Instant createdAt,
      Instant updatedAt,
      Instant deadline) {
    this.id = id;
    this.customerId = customerId;
    this.customerEmail = customerEmail;
    this.status = status;
    this.failureReason = failureReason;
    this.items = new ArrayList<>(items);
    this.total = total;
    this.currency = currency;
    this.paymentId = paymentId;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.deadline = deadline;
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
    Instant placedAt = truncate(at);
    return new Order(
        id,
        customerId,
        customerEmail,
        OrderStatus.PENDING,
        null,
        lines.stream().map(line -> OrderItem.unpriced(line.sku(), line.quantity())).toList(),
        null,
        currency,
        null,
        placedAt,
        placedAt,
        placedAt.plus(sagaTimeout));
  }

  /** An order as stored. */
  static Order restore(
      UUID id,
      String customerId,
      String customerEmail,
      OrderStatus status,
      FailureReason failureReason,
      List<OrderItem> items,
      BigDecimal total,
      String currency,
      UUID paymentId,
      Instant createdAt,
      Instant updatedAt,
      Instant deadline) {
    return new Order(
        id,
        customerId,
        customerEmail,
        status,
        failureReason,
        items,
        total,
        currency,
        paymentId,
        createdAt,
        updatedAt,
        deadline);
  }

  /** The event that announces the order: what inventory reserves and prices. */
  OrderPlaced placedEvent() {
    return new OrderPlaced(EventIds.next(), id, createdAt, customerId, customerEmail, lines());
  }

  /**
   * Inventory reserved and priced every line: the order awaits payment, or is CONFIRMED at once if
   * the payment came first (then it returns the OrderConfirmed). Ignored unless PENDING.
   */
  Optional<OrderEvent> reserve(List<PricedLine> priced, Money reservedTotal, Instant at) {
    if (status != OrderStatus.PENDING) {
      return Optional.empty();
    }
    if (!currency.equals(reservedTotal.currency())) {
      throw new IllegalArgumentException(
          "order %s is in %s, not %s".formatted(id, currency, reservedTotal.currency()));
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
    this.total = reservedTotal.amount();
    this.repriced = true;
    this.status = paymentId != null ? OrderStatus.CONFIRMED : OrderStatus.AWAITING_PAYMENT;
    touch(at);
    return status == OrderStatus.CONFIRMED ? Optional.of(confirmedEvent()) : Optional.empty();
  }

  /**
   * Payment-service charged the order: it is CONFIRMED if reserved (and returns the
   * OrderConfirmed), remembered if still PENDING. Ignored once CONFIRMED, REJECTED or CANCELLED
   * (payment-service refunds a cancelled order on its own).
   */
  Optional<OrderEvent> recordPayment(UUID chargeId, Instant at) {
    switch (status) {
      case PENDING -> {
        if (paymentId == null) {
          paymentId = chargeId;
          touch(at);
        }
        return Optional.empty();
      }
      case AWAITING_PAYMENT -> {
        paymentId = chargeId;
        status = OrderStatus.CONFIRMED;
        touch(at);
        return Optional.of(confirmedEvent());
      }
      case CONFIRMED, REJECTED, CANCELLED -> {
        return Optional.empty();
      }
    }
    throw new IllegalStateException("unknown status " + status);
  }

  /** Payment-service declined the order: CANCELLED unless it is already over. */
  Optional<OrderEvent> declinePayment(Instant at) {
    if (!status.isRunning()) {
      return Optional.empty();
    }
    return Optional.of(cancelWith(CancellationReason.PAYMENT_DECLINED, at));
  }

  /** Inventory could not reserve the order: REJECTED, unless it is no longer PENDING. */
  Optional<OrderEvent> reject(RejectionReason reason, Instant at) {
    if (status != OrderStatus.PENDING) {
      return Optional.empty();
    }
    end(OrderStatus.REJECTED, FailureReason.of(reason), at);
    return Optional.of(
        new OrderRejected(
            EventIds.next(), id, updatedAt, customerId, customerEmail, lines(), reason));
  }

  /**
   * The deadline passed while the saga was still running (PENDING or AWAITING_PAYMENT): the order
   * is CANCELLED as TIMED_OUT, so that its stock is released and a charge refunded, and a
   * reservation or payment reported later never confirms it. Ignored before the deadline and once
   * the order is CONFIRMED, REJECTED or CANCELLED.
   */
  Optional<OrderEvent> timeOut(Instant now) {
    if (!status.isRunning() || now.isBefore(deadline)) {
      return Optional.empty();
    }
    return Optional.of(cancelWith(CancellationReason.TIMED_OUT, now));
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
  OrderCancelled cancel(CancellationReason reason, Instant at) {
    if (!isCancellable()) {
      throw new IllegalStateException(
          "order %s is %s and cannot be cancelled".formatted(id, status));
    }
    return cancelWith(reason, at);
  }

  private OrderCancelled cancelWith(CancellationReason reason, Instant at) {
    end(OrderStatus.CANCELLED, FailureReason.of(reason), at);
    return new OrderCancelled(
        EventIds.next(), id, updatedAt, customerId, customerEmail, lines(), totalMoney(), reason);
  }

  private OrderConfirmed confirmedEvent() {
    return new OrderConfirmed(
        EventIds.next(), id, updatedAt, customerId, customerEmail, pricedLines(), totalMoney());
  }

  private void end(OrderStatus finalStatus, FailureReason reason, Instant at) {
    this.status = finalStatus;
    this.failureReason = reason;
    touch(at);
  }

  private void touch(Instant at) {
    this.updatedAt = truncate(at);
    this.changed = true;
  }

  /** PostgreSQL keeps microseconds: an order reads the same before and after it is stored. */
  private static Instant truncate(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** Whether a reaction changed the order since it was placed or loaded. */
  boolean isChanged() {
    return changed;
  }

  /** Whether the lines got their prices since the order was loaded. */
  boolean isRepriced() {
    return repriced;
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

  UUID paymentId() {
    return paymentId;
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
