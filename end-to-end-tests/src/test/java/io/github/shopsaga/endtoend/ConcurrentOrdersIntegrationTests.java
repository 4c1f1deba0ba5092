package io.github.shopsaga.endtoend;

import static io.github.shopsaga.endtoend.Shop.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.endtoend.Shop.Line;
import io.github.shopsaga.endtoend.Shop.Order;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many customers racing for scarce stock: every unit is sold once, none is oversold. */
class ConcurrentOrdersIntegrationTests {

  private static final int STOCK = 10;
  private static final int CUSTOMERS = 10;
  private static final int ORDERS_PER_CUSTOMER = 3;

  private final Shop shop = Suite.shop();

  @Test
  void sellsScarceStockExactlyOnceToABurstOfOrders() throws Exception {
    String sku = unique("RARE");
    shop.addProduct(sku, "7.00", STOCK);
    List<String> customers =
        IntStream.range(0, CUSTOMERS).mapToObj(i -> unique("customer" + i)).toList();
    customers.forEach(customer -> shop.openAccount(customer, "100.00"));

    List<Order> placed = placeAllAtOnce(customers, sku);

    List<Order> settled = placed.stream().map(order -> shop.awaitSettled(order.id())).toList();
    Map<String, Long> outcomes =
        settled.stream()
            .collect(
                Collectors.groupingBy(
                    order -> order.status() + " " + order.failureReason(), Collectors.counting()));
    assertThat(outcomes)
        .containsOnly(
            Map.entry("CONFIRMED null", (long) STOCK),
            Map.entry("REJECTED OUT_OF_STOCK", (long) (placed.size() - STOCK)));
    await()
        .atMost(Shop.SAGA_TIMEOUT)
        .untilAsserted(
            () -> {
              Shop.Product product = shop.product(sku);
              assertThat(product.available()).isZero();
              assertThat(product.reserved()).isZero();
            });
    List<Shop.Payment> payments =
        settled.stream().flatMap(order -> shop.payments(order.id()).stream()).toList();
    assertThat(payments)
        .hasSize(STOCK)
        .allSatisfy(payment -> assertThat(payment.status()).isEqualTo("CHARGED"));
    BigDecimal charged =
        payments.stream().map(Shop.Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(charged)
        .isEqualByComparingTo(new BigDecimal("7.00").multiply(BigDecimal.valueOf(STOCK)));
    BigDecimal balances =
        customers.stream()
            .map(customer -> shop.account(customer).balance())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(balances)
        .isEqualByComparingTo(BigDecimal.valueOf(100L * CUSTOMERS).subtract(charged));
  }

  /** Every order of every customer is sent at the same moment, each on its own virtual thread. */
  private List<Order> placeAllAtOnce(List<String> customers, String sku) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Order>> orders =
          customers.stream()
              .flatMap(customer -> IntStream.range(0, ORDERS_PER_CUSTOMER).mapToObj(i -> customer))
              .map(
                  customer ->
                      executor.submit(
                          () -> {
                            go.await();
                            return shop.placeOrder(customer, new Line(sku, 1));
                          }))
              .toList();
      go.countDown();
      return orders.stream().map(ConcurrentOrdersIntegrationTests::get).toList();
    }
  }

  private static Order get(Future<Order> order) {
    try {
      return order.get();
    } catch (Exception e) {
      throw new AssertionError("placing an order failed", e);
    }
  }
}
