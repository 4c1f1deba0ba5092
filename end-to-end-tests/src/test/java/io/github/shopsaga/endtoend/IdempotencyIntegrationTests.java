package io.github.shopsaga.endtoend;

import static io.github.shopsaga.endtoend.Shop.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.endtoend.Shop.Line;
import io.github.shopsaga.endtoend.Shop.Order;
import io.github.shopsaga.endtoend.Shop.Response;
import org.junit.jupiter.api.Test;

/** A client that retries a request with its Idempotency-Key never places an order twice. */
class IdempotencyIntegrationTests {

  private final Shop shop = Suite.shop();

  @Test
  void answersAReplayedRequestWithTheSameOrderAndPlacesItOnce() {
    String sku = unique("MUG");
    String customer = unique("alice");
    shop.addProduct(sku, "12.50", 10);
    shop.openAccount(customer, "100.00");
    String key = unique("checkout");

    Response first = shop.placeOrder(customer, key, new Line(sku, 2));
    Response replay = shop.placeOrder(customer, key, new Line(sku, 2));

    assertThat(first.status()).as("%s", first).isEqualTo(202);
    assertThat(replay.status()).as("%s", replay).isIn(200, 202);
    Order order = first.as(Order.class);
    assertThat(replay.as(Order.class).id()).isEqualTo(order.id());
    assertThat(shop.awaitSettled(order.id()).status()).isEqualTo("CONFIRMED");
    assertThat(shop.ordersOf(customer).content()).extracting(Order::id).containsExactly(order.id());
    assertThat(shop.account(customer).balance()).isEqualByComparingTo("75.00");
    assertThat(shop.product(sku).available()).isEqualTo(8);
  }

  @Test
  void refusesTheSameKeyWithADifferentBody() {
    String sku = unique("MUG");
    String customer = unique("bob");
    shop.addProduct(sku, "12.50", 10);
    String key = unique("checkout");
    Order first = shop.placeOrder(customer, key, new Line(sku, 1)).as(Order.class);

    Response conflicting = shop.placeOrder(customer, key, new Line(sku, 3));

    assertThat(conflicting.status()).as("%s", conflicting).isEqualTo(422);
    assertThat(conflicting.contentType()).startsWith("application/problem+json");
    assertThat(shop.ordersOf(customer).content()).extracting(Order::id).containsExactly(first.id());
  }

  @Test
  void scopesAKeyToItsCustomer() {
    String sku = unique("MUG");
    shop.addProduct(sku, "12.50", 10);
    String key = unique("checkout");

    Response alices = shop.placeOrder(unique("alice"), key, new Line(sku, 1));
    Response bobs = shop.placeOrder(unique("bob"), key, new Line(sku, 1));

    assertThat(alices.status()).isEqualTo(202);
    assertThat(bobs.status()).isEqualTo(202);
    assertThat(bobs.as(Order.class).id()).isNotEqualTo(alices.as(Order.class).id());
  }
}
