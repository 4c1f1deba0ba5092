package io.github.shopsaga.events;

import java.math.BigDecimal;

/** A line priced by inventory, the price authority; the currency is the event's total currency. */
public record PricedLine(String sku, int quantity, BigDecimal unitPrice) {

  public BigDecimal lineTotal() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
