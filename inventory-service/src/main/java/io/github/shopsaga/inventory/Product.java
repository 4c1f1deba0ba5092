package io.github.shopsaga.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product of the catalogue with its price and stock. {@code available} is what new orders can
 * still reserve, {@code reserved} what orders hold until they are paid or cancelled. Stock only
 * changes on a row the current transaction has locked; the database's checks forbid negatives.
 */
@Entity
@Table(name = "product")
class Product {

  @Id private String sku;

  private String name;

  @Column(name = "unit_price")
  private BigDecimal unitPrice;

  private int available;

  private int reserved;

  /** Whether the stock changed since the product was loaded by the saga's batch. */
  @Transient private boolean changed;

  protected Product() {}

  Product(String sku, String name, BigDecimal unitPrice, int available) {
    this.sku = Objects.requireNonNull(sku);
    this.name = Objects.requireNonNull(name);
    this.unitPrice = Objects.requireNonNull(unitPrice);
    if (available < 0) {
      throw new IllegalArgumentException("stock must not be negative");
    }
    this.available = available;
  }

  /** A product as stored, read by the saga's batch. */
  static Product restore(
      String sku, String name, BigDecimal unitPrice, int available, int reserved) {
    Product product = new Product(sku, name, unitPrice, available);
    product.reserved = reserved;
    return product;
  }

  boolean isChanged() {
    return changed;
  }

  String sku() {
    return sku;
  }

  String name() {
    return name;
  }

  BigDecimal unitPrice() {
    return unitPrice;
  }

  int available() {
    return available;
  }

  int reserved() {
    return reserved;
  }

  boolean canReserve(int quantity) {
    return quantity <= available;
  }

  /** New units arrived. */
  void restock(int quantity) {
    requirePositive(quantity);
    available = Math.addExact(available, quantity);
    changed = true;
  }

  /** An order holds these units until it is paid or cancelled. */
  void reserve(int quantity) {
    requirePositive(quantity);
    if (!canReserve(quantity)) {
      throw new OutOfStockException(
          "%s has %d available, %d asked".formatted(sku, available, quantity));
    }
    available -= quantity;
    reserved += quantity;
    changed = true;
  }

  /** The order holding these units is paid: they leave the stock for good. */
  void sellReserved(int quantity) {
    requirePositive(quantity);
    requireReserved(quantity);
    reserved -= quantity;
    changed = true;
  }

  /** The order holding these units is cancelled before it was paid. */
  void releaseReserved(int quantity) {
    requirePositive(quantity);
    requireReserved(quantity);
    reserved -= quantity;
    available = Math.addExact(available, quantity);
    changed = true;
  }

  /** A paid order was cancelled after all: its units come back. */
  void takeBackSold(int quantity) {
    requirePositive(quantity);
    available = Math.addExact(available, quantity);
    changed = true;
  }

  private void requireReserved(int quantity) {
    if (quantity > reserved) {
      throw new IllegalStateException(
          "%s has %d reserved, cannot give up %d".formatted(sku, reserved, quantity));
    }
  }

  private static void requirePositive(int quantity) {
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
  }
}
