package io.github.shopsaga.inventory;

import io.github.shopsaga.events.EventIds;
import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReleased;
import io.github.shopsaga.events.StockReserved;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What inventory did for one order: the state machine of its stock.
 *
 * <pre>
 * (OrderPlaced) ─┬─▶ RESERVED ──(OrderConfirmed)──▶ COMMITTED
 *                │      │                              │
 *                │      └──(OrderCancelled)──▶ RELEASED ◀──(OrderCancelled)
 *                └─▶ REJECTED (nothing held)
 * </pre>
 *
 * The products passed in must be locked by the caller's transaction. The transitions change the
 * products in memory; {@link #isNew()} and {@link #isChanged()} tell the store what to write.
 */
class Reservation {

  enum Status {
    /** Every line is held for the order: moved from available to reserved. */
    RESERVED,
    /** The order is paid: its units left the stock for good. */
    COMMITTED,
    /** The order is cancelled: whatever it held is available again (or it never held anything). */
    RELEASED,
    /** The order could not be reserved: nothing is held. */
    REJECTED
  }

  private final UUID orderId;
  private Status status;
  private final String customerId;
  private BigDecimal total;
  private String currency;
  private RejectionReason rejectionReason;
  private final Instant createdAt;
  private Instant updatedAt;
  private final List<ReservationLine> lines;

  /** The skus at fault in a rejection; only needed to announce it, so not stored. */
  private List<String> rejectedSkus = List.of();

  private final boolean isNew;
  private boolean changed;

  private Reservation(
      UUID orderId,
      String customerId,
      Status status,
      List<ReservationLine> lines,
      Instant at,
      boolean isNew) {
    this.orderId = orderId;
    this.customerId = customerId;
    this.status = status;
    this.lines = new ArrayList<>(lines);
    this.createdAt = at;
    this.updatedAt = at;
    this.isNew = isNew;
  }

  /** A reservation as stored. */
  static Reservation restore(
      UUID orderId,
      String customerId,
      Status status,
      BigDecimal total,
      String currency,
      RejectionReason rejectionReason,
      Instant createdAt,
      Instant updatedAt,
      List<ReservationLine> lines) {
    var reservation = new Reservation(orderId, customerId, status, lines, createdAt, false);
    reservation.total = total;
    reservation.currency = currency;
    reservation.rejectionReason = rejectionReason;
    reservation.updatedAt = updatedAt;
    return reservation;
  }

  /**
   * Reserves every line of an order, or none: an unknown product rejects the order with {@link
   * RejectionReason#UNKNOWN_PRODUCT}, else a product short of stock rejects it with {@link
   * RejectionReason#OUT_OF_STOCK}. Lines of the same sku count together. Lines are priced from the
   * catalogue.
   *
   * @param products the catalogue's products among the order's skus, locked by the caller
   */
  static Reservation place(
      UUID orderId,
      String customerId,
      List<OrderLine> orderLines,
      Map<String, Product> products,
      String currency) {
    Map<String, Integer> wanted = quantitiesBySku(orderLines);
    List<String> unknown =
        wanted.keySet().stream().filter(sku -> !products.containsKey(sku)).toList();
    if (!unknown.isEmpty()) {
      return rejected(orderId, customerId, RejectionReason.UNKNOWN_PRODUCT, unknown);
    }
    List<String> tooFew =
        wanted.entrySet().stream()
            .filter(line -> !products.get(line.getKey()).canReserve(line.getValue()))
            .map(Map.Entry::getKey)
            .toList();
    if (!tooFew.isEmpty()) {
      return rejected(orderId, customerId, RejectionReason.OUT_OF_STOCK, tooFew);
    }
    List<ReservationLine> reserved = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    for (var line : wanted.entrySet()) {
      Product product = products.get(line.getKey());
      product.reserve(line.getValue());
      var reservedLine = new ReservationLine(line.getKey(), line.getValue(), product.unitPrice());
      reserved.add(reservedLine);
      total = total.add(reservedLine.lineTotal());
    }
    var reservation = new Reservation(orderId, customerId, Status.RESERVED, reserved, now(), true);
    reservation.currency = currency;
    reservation.total = total;
    return reservation;
  }

  /**
   * The record of an order cancelled before inventory heard of it being placed, so that a late
   * {@code OrderPlaced} finds it and reserves nothing.
   */
  static Reservation tombstone(UUID orderId, String customerId) {
    return new Reservation(orderId, customerId, Status.RELEASED, List.of(), now(), true);
  }

  private static Reservation rejected(
      UUID orderId, String customerId, RejectionReason reason, List<String> skus) {
    var reservation = new Reservation(orderId, customerId, Status.REJECTED, List.of(), now(), true);
    reservation.rejectionReason = reason;
    reservation.rejectedSkus = List.copyOf(skus);
    return reservation;
  }

  private static Map<String, Integer> quantitiesBySku(List<OrderLine> orderLines) {
    // Sorted by sku: the order in which lines are listed.
    Map<String, Integer> wanted = new TreeMap<>();
    for (OrderLine line : orderLines) {
      if (line.quantity() <= 0) {
        throw new IllegalArgumentException("quantity of %s must be positive".formatted(line));
      }
      wanted.merge(line.sku(), line.quantity(), Math::addExact);
    }
    return wanted;
  }

  /** The skus whose products an order's lines touch, sorted. */
  static Set<String> skusOf(List<OrderLine> orderLines) {
    return quantitiesBySku(orderLines).keySet();
  }

  /**
   * The order is paid: its reserved units leave the stock for good. Returns whether anything
   * changed (only a {@code RESERVED} reservation is confirmed; any other state stays as it is).
   */
  boolean confirm(Map<String, Product> products) {
    if (status != Status.RESERVED) {
      return false;
    }
    lines.forEach(line -> product(products, line).sellReserved(line.quantity()));
    moveTo(Status.COMMITTED);
    return true;
  }

  /**
   * The order is cancelled: what it holds, reserved or already sold, becomes available again.
   * Returns the StockReleased that announces it (only from {@code RESERVED} or {@code COMMITTED}).
   */
  Optional<InventoryEvent> release(Map<String, Product> products) {
    switch (status) {
      case RESERVED ->
          lines.forEach(line -> product(products, line).releaseReserved(line.quantity()));
      case COMMITTED ->
          lines.forEach(line -> product(products, line).takeBackSold(line.quantity()));
      case RELEASED, REJECTED -> {
        return Optional.empty();
      }
    }
    moveTo(Status.RELEASED);
    return Optional.of(new StockReleased(EventIds.next(), orderId, updatedAt, orderLines()));
  }

  /**
   * The event that announces a new reservation to the saga: StockReserved with the priced lines, or
   * StockRejected with the skus at fault.
   */
  InventoryEvent placement() {
    return switch (status) {
      case RESERVED ->
          new StockReserved(
              EventIds.next(), orderId, createdAt, customerId, pricedLines(), total());
      case REJECTED ->
          new StockRejected(EventIds.next(), orderId, createdAt, rejectionReason, rejectedSkus);
      case COMMITTED, RELEASED ->
          throw new IllegalStateException("a reservation just placed cannot be " + status);
    };
  }

  private static Product product(Map<String, Product> products, ReservationLine line) {
    Product product = products.get(line.sku());
    if (product == null) {
      throw new IllegalStateException("product %s of a reservation is gone".formatted(line.sku()));
    }
    return product;
  }

  private void moveTo(Status next) {
    status = next;
    updatedAt = now();
    changed = true;
  }

  /** PostgreSQL keeps microseconds. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** Whether this reservation was made (or tombstoned) now and is not stored yet. */
  boolean isNew() {
    return isNew;
  }

  /** Whether a stored reservation changed state since it was loaded. */
  boolean isChanged() {
    return changed;
  }

  UUID orderId() {
    return orderId;
  }

  Status status() {
    return status;
  }

  String customerId() {
    return customerId;
  }

  List<ReservationLine> lines() {
    return List.copyOf(lines);
  }

  Set<String> skus() {
    Set<String> skus = new TreeSet<>();
    lines.forEach(line -> skus.add(line.sku()));
    return skus;
  }

  List<PricedLine> pricedLines() {
    return lines.stream().map(ReservationLine::priced).toList();
  }

  List<OrderLine> orderLines() {
    return lines.stream().map(ReservationLine::unpriced).toList();
  }

  /** The order's total at catalogue prices; {@code null} unless stock was reserved. */
  Money total() {
    return total == null ? null : new Money(total, currency);
  }

  BigDecimal totalAmount() {
    return total;
  }

  String currency() {
    return currency;
  }

  RejectionReason rejectionReason() {
    return rejectionReason;
  }

  List<String> rejectedSkus() {
    return rejectedSkus;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }
}
