package io.github.shopsaga.endtoend;

import static io.github.shopsaga.endtoend.Shop.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.endtoend.Shop.Line;
import io.github.shopsaga.endtoend.Shop.Order;
import io.github.shopsaga.endtoend.Shop.Product;
import io.github.shopsaga.endtoend.Suite.ReceivedMail;
import org.junit.jupiter.api.Test;

/**
 * Every way an order's saga can end, through the four running services: what the customer sees on
 * the order, what happened to the stock and the money, and what they were told.
 */
class OrderSagaIntegrationTests {

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void confirmsAnOrderPricedFromTheCatalogueChargesItOnceAndEmailsTheCustomer() {
    String sku = unique("MUG");
    String customer = unique("alice");
    shop.addProduct(sku, "12.50", 100);
    shop.openAccount(customer, "500.00");

    Order order = shop.awaitSettled(shop.placeOrder(customer, new Line(sku, 2)).id());

    assertThat(order.status()).isEqualTo("CONFIRMED");
    assertThat(order.failureReason()).isNull();
    assertThat(order.items())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.sku()).isEqualTo(sku);
              assertThat(item.quantity()).isEqualTo(2);
              assertThat(item.unitPrice()).isEqualByComparingTo("12.50");
            });
    assertThat(order.total()).isEqualByComparingTo("25.00");
    assertThat(order.currency()).isEqualTo("EUR");
    // The confirmed units leave the shelf for good: neither available nor held any more.
    awaitStock(sku, 98, 0);
    assertThat(shop.account(customer).balance()).isEqualByComparingTo("475.00");
    assertThat(shop.payments(order.id()))
        .singleElement()
        .satisfies(
            payment -> {
              assertThat(payment.status()).isEqualTo("CHARGED");
              assertThat(payment.amount()).isEqualByComparingTo("25.00");
              assertThat(payment.customerId()).isEqualTo(customer);
            });
    awaitOneNotification(order, "ORDER_CONFIRMED");
    assertThat(shop.history(order.id()))
        .extracting(Shop.HistoryEntry::type)
        .containsSubsequence("OrderPlaced", "StockReserved", "PaymentCharged", "OrderConfirmed");
  }

  @Test
  void rejectsAnOrderForMoreThanTheStockAndHoldsNothing() {
    String sku = unique("RARE");
    String customer = unique("bob");
    shop.addProduct(sku, "99.00", 1);
    shop.openAccount(customer, "1000.00");

    Order order = shop.awaitSettled(shop.placeOrder(customer, new Line(sku, 2)).id());

    assertThat(order.status()).isEqualTo("REJECTED");
    assertThat(order.failureReason()).isEqualTo("OUT_OF_STOCK");
    awaitOneNotification(order, "ORDER_REJECTED");
    assertStock(sku, 1, 0);
    assertThat(shop.payments(order.id())).isEmpty();
    assertThat(shop.account(customer).balance()).isEqualByComparingTo("1000.00");
  }

  @Test
  void rejectsAnOrderForAnUnknownProductAndHoldsNoneOfItsOtherLines() {
    String known = unique("TEA");
    String customer = unique("carol");
    shop.addProduct(known, "4.20", 5);
    shop.openAccount(customer, "1000.00");

    Order order =
        shop.awaitSettled(
            shop.placeOrder(customer, new Line(known, 1), new Line(unique("NOPE"), 1)).id());

    assertThat(order.status()).isEqualTo("REJECTED");
    assertThat(order.failureReason()).isEqualTo("UNKNOWN_PRODUCT");
    awaitOneNotification(order, "ORDER_REJECTED");
    assertStock(known, 5, 0);
    assertThat(shop.payments(order.id())).isEmpty();
  }

  @Test
  void rejectsAMultiLineOrderWithOneShortLineWithoutHoldingAnyLine() {
    String plenty = unique("PEN");
    String scarce = unique("LAMP");
    String customer = unique("dave");
    shop.addProduct(plenty, "1.50", 10);
    shop.addProduct(scarce, "45.00", 1);
    shop.openAccount(customer, "1000.00");

    Order order =
        shop.awaitSettled(shop.placeOrder(customer, new Line(plenty, 3), new Line(scarce, 2)).id());

    assertThat(order.status()).isEqualTo("REJECTED");
    assertThat(order.failureReason()).isEqualTo("OUT_OF_STOCK");
    awaitOneNotification(order, "ORDER_REJECTED");
    assertStock(plenty, 10, 0);
    assertStock(scarce, 1, 0);
    assertThat(shop.payments(order.id())).isEmpty();
  }

  @Test
  void cancelsAnOrderTheCustomerCannotPayForAndPutsTheStockBack() {
    String sku = unique("LAMP");
    String customer = unique("erin");
    shop.addProduct(sku, "45.00", 10);
    shop.openAccount(customer, "20.00");

    Order order = shop.awaitSettled(shop.placeOrder(customer, new Line(sku, 1)).id());

    assertThat(order.status()).isEqualTo("CANCELLED");
    assertThat(order.failureReason()).isEqualTo("PAYMENT_DECLINED");
    awaitStock(sku, 10, 0);
    assertThat(shop.payments(order.id()))
        .singleElement()
        .satisfies(
            payment -> {
              assertThat(payment.status()).isEqualTo("DECLINED");
              assertThat(payment.reason()).isEqualTo("INSUFFICIENT_FUNDS");
            });
    assertThat(shop.account(customer).balance()).isEqualByComparingTo("20.00");
    awaitOneNotification(order, "ORDER_CANCELLED");
  }

  @Test
  void cancelsAnOrderOfACustomerWithoutAnAccount() {
    String sku = unique("BOOK");
    shop.addProduct(sku, "8.00", 3);

    Order order = shop.awaitSettled(shop.placeOrder(unique("nobody"), new Line(sku, 1)).id());

    assertThat(order.status()).isEqualTo("CANCELLED");
    assertThat(order.failureReason()).isEqualTo("PAYMENT_DECLINED");
    awaitStock(sku, 3, 0);
    assertThat(shop.payments(order.id()))
        .singleElement()
        .satisfies(payment -> assertThat(payment.reason()).isEqualTo("UNKNOWN_CUSTOMER"));
  }

  @Test
  void refundsAndRestocksAConfirmedOrderTheCustomerCancels() {
    String sku = unique("MUG");
    String customer = unique("frank");
    shop.addProduct(sku, "12.50", 20);
    shop.openAccount(customer, "100.00");
    Order confirmed = shop.awaitSettled(shop.placeOrder(customer, new Line(sku, 4)).id());
    assertThat(confirmed.status()).isEqualTo("CONFIRMED");
    awaitOneNotification(confirmed, "ORDER_CONFIRMED");

    Shop.Response cancel = shop.cancel(confirmed.id());

    assertThat(cancel.status()).as("%s", cancel).isEqualTo(202);
    Order cancelled = shop.awaitStatus(confirmed.id(), "CANCELLED");
    assertThat(cancelled.failureReason()).isEqualTo("CUSTOMER_CANCELLED");
    await()
        .atMost(Shop.SAGA_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(shop.payments(confirmed.id()))
                    .singleElement()
                    .satisfies(payment -> assertThat(payment.status()).isEqualTo("REFUNDED")));
    assertThat(shop.account(customer).balance()).isEqualByComparingTo("100.00");
    awaitStock(sku, 20, 0);
    await()
        .atMost(Shop.SAGA_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(shop.notifications(confirmed.id()))
                    .extracting(Shop.Notification::type)
                    .containsExactlyInAnyOrder("ORDER_CONFIRMED", "ORDER_CANCELLED"));
    await()
        .atMost(Shop.SAGA_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(suite.mailTo(Shop.emailOf(customer)))
                    .extracting(ReceivedMail::subject)
                    .hasSize(2)
                    .anySatisfy(subject -> assertThat(subject).contains("cancelled")));
    assertThat(shop.cancel(confirmed.id()).status())
        .as("cancelling a cancelled order again")
        .isEqualTo(409);
  }

  /**
   * Waits for the one notification of the order's outcome and the e-mail behind it, then checks
   * there is exactly one of each.
   */
  private void awaitOneNotification(Order order, String type) {
    String email = Shop.emailOf(order.customerId());
    await()
        .atMost(Shop.SAGA_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(shop.notifications(order.id()))
                    .singleElement()
                    .satisfies(
                        notification -> {
                          assertThat(notification.type()).isEqualTo(type);
                          assertThat(notification.recipient()).isEqualTo(email);
                          assertThat(notification.sentAt()).isNotNull();
                        }));
    await()
        .atMost(Shop.SAGA_TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(suite.mailTo(email))
                    .singleElement()
                    .satisfies(mail -> assertThat(mail.body()).contains(order.id().toString())));
  }

  private void awaitStock(String sku, int available, int reserved) {
    await().atMost(Shop.SAGA_TIMEOUT).untilAsserted(() -> assertStock(sku, available, reserved));
  }

  private void assertStock(String sku, int available, int reserved) {
    Product product = shop.product(sku);
    assertThat(product.available()).as("available %s", sku).isEqualTo(available);
    assertThat(product.reserved()).as("reserved %s", sku).isEqualTo(reserved);
  }
}
