package io.github.shopsaga.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** A line of an order; {@code unitPrice} is {@code null} until inventory has priced it. */
@Embeddable
record OrderItem(
    @Column(name = "sku") String sku,
    @Column(name = "quantity") int quantity,
    @Column(name = "unit_price") BigDecimal unitPrice) {

  static OrderItem unpriced(String sku, int quantity) {
    return new OrderItem(sku, quantity, null);
  }

  OrderItem pricedAt(BigDecimal price) {
    return new OrderItem(sku, quantity, price.setScale(2, RoundingMode.UNNECESSARY));
  }
}
