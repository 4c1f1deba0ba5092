package io.github.shopsaga.inventory;

import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.PricedLine;
import java.math.BigDecimal;

/** A reserved line, priced from the catalogue at the moment of the reservation. */
record ReservationLine(String sku, int quantity, BigDecimal unitPrice) {

  BigDecimal lineTotal() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }

  PricedLine priced() {
    return new PricedLine(sku, quantity, unitPrice);
  }

  OrderLine unpriced() {
    return new OrderLine(sku, quantity);
  }
}
