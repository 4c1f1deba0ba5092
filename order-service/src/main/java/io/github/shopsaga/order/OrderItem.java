package io.github.shopsaga.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A line of an order; {@code unitPrice} is {@code null} until inventory has priced it. */
record OrderItem(String sku, int quantity, BigDecimal unitPrice) {

  static OrderItem unpriced(String sku, int quantity) {
    return new OrderItem(sku, quantity, null);
  }

  OrderItem pricedAt(BigDecimal price) {
    return new OrderItem(sku, quantity, price.setScale(2, RoundingMode.UNNECESSARY));
  }
}
