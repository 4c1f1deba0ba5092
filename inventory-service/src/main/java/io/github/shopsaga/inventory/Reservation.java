package io.github.shopsaga.inventory;

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
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

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
 * The products passed in must be locked by the caller's transaction.
 */
@Entity
@Table(name = "reservation")
class Reservation implements Persistable<UUID> {

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

  @Id private UUID orderId;

  @Enumerated(EnumType.STRING)
  private Status status;

  private String customerId;

  private BigDecimal total;

  private String currency;

  @Enumerated(EnumType.STRING)
  private RejectionReason rejectionReason;

  private Instant createdAt;

  private Instant updatedAt;

  @ElementCollection
  @CollectionTable(name = "reservation_line", joinColumns = @JoinColumn(name = "order_id"))
  private List<ReservationLine> lines = new ArrayList<>();

  /** The skus at fault in a rejection; only needed to announce it, so not stored. */
  @Transient private List<String> rejectedSkus = List.of();

  @Transient private boolean fresh = true;

  protected Reservation() {}

  private Reservation(UUID orderId, String customerId, Status status) {
    this.orderId = orderId;
    this.customerId = customerId;
    this.status = status;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
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
    var reservation = new Reservation(orderId, customerId, Status.RESERVED);
    reservation.currency = currency;
    reservation.total = BigDecimal.ZERO.setScale(2);
    wanted.forEach(
        (sku, quantity) -> {
          Product product = products.get(sku);
          product.reserve(quantity);
          var line = new ReservationLine(sku, quantity, product.unitPrice());
          reservation.lines.add(line);
          reservation.total = reservation.total.add(line.lineTotal());
        });
    return reservation;
  }

  /**
   * The record of an order cancelled before inventory heard of it being placed, so that a late
   * {@code OrderPlaced} finds it and reserves nothing.
   */
  static Reservation tombstone(UUID orderId, String customerId) {
    return new Reservation(orderId, customerId, Status.RELEASED);
  }

  private static Reservation rejected(
      UUID orderId, String customerId, RejectionReason reason, List<String> skus) {
    var reservation = new Reservation(orderId, customerId, Status.REJECTED);
    reservation.rejectionReason = reason;
    reservation.rejectedSkus = List.copyOf(skus);
    return reservation;
  }

  private static Map<String, Integer> quantitiesBySku(List<OrderLine> orderLines) {
    // Sorted by sku: the order in which rows are locked and lines listed.
    Map<String, Integer> wanted = new TreeMap<>();
    for (OrderLine line : orderLines) {
      if (line.quantity() <= 0) {
        throw new IllegalArgumentException("quantity of %s must be positive".formatted(line));
      }
      wanted.merge(line.sku(), line.quantity(), Math::addExact);
    }
    return wanted;
  }

  /** The skus whose products an order's change of state touches, sorted: the locking order. */
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
   * Returns whether stock came back (only from {@code RESERVED} or {@code COMMITTED}).
   */
  boolean release(Map<String, Product> products) {
    switch (status) {
      case RESERVED ->
          lines.forEach(line -> product(products, line).releaseReserved(line.quantity()));
      case COMMITTED ->
          lines.forEach(line -> product(products, line).takeBackSold(line.quantity()));
      case RELEASED, REJECTED -> {
        return false;
      }
    }
    moveTo(Status.RELEASED);
    return true;
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
    updatedAt = Instant.now();
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

  RejectionReason rejectionReason() {
    return rejectionReason;
  }

  List<String> rejectedSkus() {
    return rejectedSkus;
  }

  @Override
  public UUID getId() {
    return orderId;
  }

  @Override
  public boolean isNew() {
    return fresh;
  }

  @PostLoad
  @PostPersist
  void markStored() {
    fresh = false;
  }
}
