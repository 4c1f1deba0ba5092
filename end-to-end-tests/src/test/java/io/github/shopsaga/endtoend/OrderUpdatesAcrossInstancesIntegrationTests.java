package io.github.shopsaga.endtoend;

import static io.github.shopsaga.endtoend.Shop.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.endtoend.Shop.Line;
import io.github.shopsaga.endtoend.Shop.Order;
import org.junit.jupiter.api.Test;

/**
 * With two order-service processes, a client following its orders on one sees the changes the other
 * commits.
 */
class OrderUpdatesAcrossInstancesIntegrationTests {

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void streamsToAClientOfOneInstanceTheChangesTheOtherCommits() {
    String sku = unique("MUG");
    String customer = unique("alice");
    shop.addProduct(sku, "12.50", 10);
    shop.openAccount(customer, "100.00");
    ServiceProcess second = suite.anotherOrderService();
    second.start();
    try {
      second.awaitHealthy();
      try (Shop.OrderStream stream = shop.follow(second, customer)) {
        // Placed and cancelled through the suite's instance: its HTTP threads commit both
        // changes, so only the change feed can bring them to the second instance's client.
        Order placed = shop.placeOrder(customer, new Line(sku, 1));
        shop.awaitSettled(placed.id());
        assertThat(shop.cancel(placed.id()).status()).isEqualTo(202);

        await()
            .atMost(Shop.SAGA_TIMEOUT)
            .untilAsserted(
                () -> assertThat(stream.statusesOf(placed.id())).last().isEqualTo("CANCELLED"));
      }
    } finally {
      second.stop();
    }
  }
}
