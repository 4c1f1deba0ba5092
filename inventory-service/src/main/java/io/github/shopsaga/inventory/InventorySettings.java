package io.github.shopsaga.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of inventory-service.
 *
 * @param currency the shop currency every price and total is in
 * @param inventory what is specific to inventory
 */
@ConfigurationProperties("shop")
record InventorySettings(@DefaultValue("EUR") String currency, @DefaultValue Inventory inventory) {

  /**
   * @param demoData whether a handful of demo products is seeded at start-up
   */
  record Inventory(@DefaultValue("false") boolean demoData) {}
}
