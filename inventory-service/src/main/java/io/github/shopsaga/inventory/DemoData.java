package io.github.shopsaga.inventory;

import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Seeds the catalogue of the docker-compose demo when {@code shop.inventory.demo-data} is on. A
 * product that exists is left as it is, so a restart never resets stock.
 */
@Component
class DemoData implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  record DemoProduct(String sku, String name, BigDecimal unitPrice, int stock) {}

  static final List<DemoProduct> PRODUCTS =
      List.of(
          new DemoProduct("MUG-1", "Mug", new BigDecimal("12.50"), 100),
          new DemoProduct("TEA-7", "Green tea", new BigDecimal("6.00"), 200),
          new DemoProduct("LAMP-3", "Desk lamp", new BigDecimal("39.90"), 5),
          new DemoProduct("BOOK-42", "The Hitchhiker's Guide", new BigDecimal("9.99"), 50),
          new DemoProduct("RARE-1", "Signed poster", new BigDecimal("250.00"), 1));

  private final JdbcClient jdbc;
  private final InventorySettings settings;

  DemoData(JdbcClient jdbc, InventorySettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (settings.inventory().demoData()) {
      int added = seed();
      log.info("Demo data: {} of {} products added", added, PRODUCTS.size());
    }
  }

  /** Adds the demo products that are missing; returns how many. */
  int seed() {
    int added = 0;
    for (DemoProduct product : PRODUCTS) {
      added +=
          jdbc.sql(
                  """
                  insert into product (sku, name, unit_price, available, reserved)
                  values (?, ?, ?, ?, 0)
                  on conflict (sku) do nothing""")
              .params(product.sku(), product.name(), product.unitPrice(), product.stock())
              .update();
    }
    return added;
  }
}
