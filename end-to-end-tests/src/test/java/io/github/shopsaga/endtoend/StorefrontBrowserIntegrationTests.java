package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.endtoend.Shop.Line;
import io.github.shopsaga.endtoend.Shop.Order;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The storefront in a real browser (headless Chromium): signing in at the authorization server, the
 * catalogue and basket, the order page following the saga live, cancelling, and the problems the
 * API answers shown as such. Each test signs in a customer of its own, in a fresh browser.
 */
class StorefrontBrowserIntegrationTests {

  private static final Suite suite = Suite.instance();
  private static final Shop shop = Suite.shop();

  /** Sorts first in the catalogue (by sku), whatever the other tests added. */
  private static final String MUG = "00-" + Shop.unique("MUG");

  @BeforeAll
  static void stockTheShop() {
    shop.addProduct(MUG, "12.50", 1_000);
    shop.openAccount("erin", "1000.00");
    shop.openAccount("frank", "0.00");
    shop.openAccount("grace", "1000.00");
    shop.openAccount("heidi", "1000.00");
    shop.openAccount("ivan", "1000.00");
  }

  @Test
  void showsAnOrderTurnConfirmedAndThenCancelledWithoutReloading() {
    try (Browser browser = signedIn("erin")) {
      addToBasket(browser, MUG, 2);
      browser.screenshot("storefront-catalogue");
      browser.find("#place-order").click();
      UUID id = awaitOrderPage(browser);
      browser.script("window.stillTheSamePage = true;");

      awaitStatus(browser, "CONFIRMED");
      browser.awaitShown("#timeline li[data-type=OrderConfirmed]");
      assertThat(browser.find("#total").getText()).isEqualTo("€25.00");
      assertThat(browser.find("#mail-link").getAttribute("href")).contains(id.toString());
      browser.screenshot("storefront-order");

      // A change made elsewhere (the back office cancels) is pushed to the open page.
      assertThat(shop.cancel(id).status()).isEqualTo(202);
      awaitStatus(browser, "CANCELLED");
      browser.awaitShown("#timeline li[data-type=OrderCancelled]");
      assertThat(browser.script("return window.stillTheSamePage === true;")).isEqualTo(true);
    }
  }

  @Test
  void showsADeclinedPaymentAsCancelledWithItsReason() {
    try (Browser browser = signedIn("frank")) {
      addToBasket(browser, MUG, 1);
      browser.find("#place-order").click();
      awaitOrderPage(browser);

      awaitStatus(browser, "CANCELLED");
      assertThat(browser.find("#failure-reason").getText()).isEqualTo("(payment declined)");
      assertThat(browser.awaitShown("#timeline li[data-type=PaymentDeclined]").getText())
          .contains("Payment declined")
          .contains("insufficient funds");
    }
  }

  @Test
  void placesOneOrderForADoubleClick() {
    try (Browser browser = signedIn("grace")) {
      addToBasket(browser, MUG, 1);
      new Actions(browser.driver()).doubleClick(browser.find("#place-order")).perform();
      UUID id = awaitOrderPage(browser);

      awaitStatus(browser, "CONFIRMED");
      List<Order> orders = shop.ordersOf("grace").content();
      assertThat(orders).extracting(Order::id).containsExactly(id);
    }
  }

  @Test
  void cancelsAConfirmedOrderAndExplainsACancelRefused() {
    try (Browser browser = signedIn("heidi")) {
      addToBasket(browser, MUG, 3);
      browser.find("#place-order").click();
      UUID id = awaitOrderPage(browser);
      awaitStatus(browser, "CONFIRMED");

      browser.find("#cancel").click();
      awaitStatus(browser, "CANCELLED");
      assertThat(browser.find("#failure-reason").getText()).isEqualTo("(customer cancelled)");
      assertThat(browser.find("#cancel").isDisplayed()).isFalse();

      // A page that still offers to cancel (another tab, say) is told why it cannot.
      browser.script("document.getElementById('cancel').hidden = false;");
      browser.find("#cancel").click();
      WebElement problem = browser.awaitShown("#problem");
      assertThat(problem.findElement(By.className("problem-title")).getText())
          .isEqualTo("Conflict");
      assertThat(problem.getText()).contains("CANCELLED");
      assertThat(shop.order(id).status()).isEqualTo("CANCELLED");

      // The list of orders, newest first, shows the same.
      browser.open(storefront("/orders.html"));
      WebElement row = browser.awaitShown("#orders tr[data-order-id='" + id + "']");
      assertThat(row.findElement(By.cssSelector(".status")).getAttribute("data-status"))
          .isEqualTo("CANCELLED");
    }
  }

  @Test
  void showsTheProblemOfAnOrderTheApiRefuses() {
    try (Browser browser = signedIn("erin")) {
      addToBasket(browser, MUG, 1);
      WebElement email = browser.find("#email");
      // Past the browser's own check of the field, to the API's.
      browser.script("arguments[0].type = 'text';", email);
      email.clear();
      email.sendKeys("not-an-address");
      browser.find("#place-order").click();

      WebElement problem = browser.awaitShown("#basket-problem");
      assertThat(problem.findElement(By.className("problem-title")).getText())
          .isEqualTo("Validation failed");
      assertThat(problem.getText()).contains("customerEmail");
      assertThat(browser.driver().getCurrentUrl()).isEqualTo(storefront("/"));
    }
  }

  @Test
  void catchesUpWithAChangeMadeWhileOrderServiceWasRestarting() {
    ServiceProcess second = suite.anotherOrderService();
    second.start();
    try (Browser browser = signedIn("ivan")) {
      addToBasket(browser, MUG, 1);
      browser.find("#place-order").click();
      UUID id = awaitOrderPage(browser);
      awaitStatus(browser, "CONFIRMED");
      browser.script("window.stillTheSamePage = true;");
      second.awaitHealthy();

      // The page's stream runs through the suite's instance; while that one is away, the order
      // is cancelled through the other, and only a catch-up can bring the change to the page.
      suite.order().stop();
      try {
        assertThat(shop.at(second).cancel(id).status()).isEqualTo(202);
        shop.at(second).awaitStatus(id, "CANCELLED");
      } finally {
        suite.order().start();
        suite.order().awaitHealthy();
      }

      awaitStatus(browser, "CANCELLED");
      assertThat(browser.find("#live").getAttribute("data-state")).isEqualTo("live");
      assertThat(browser.script("return window.stillTheSamePage === true;")).isEqualTo(true);
    } finally {
      second.stop();
    }
  }

  @Test
  void showsStaffTheShopAndADeadLetteredRecord() throws InterruptedException {
    String key = "poison-" + UUID.randomUUID();
    KafkaTool.produce("order-events", Map.of(key, "not json"));
    // Someone without an account: their order is declined, a saga for the view to count.
    Order placed = shop.placeOrder(Shop.unique("ops"), new Line(MUG, 1));
    String customer = Shop.unique("ops");
    shop.openAccount(customer, "1000.00");

    // A customer signs out first: staff sign in at the same browser afresh, not as them.
    try (Browser browser = signedIn("erin")) {
      browser.find("#sign-out").click();
      browser.await(page -> page.getCurrentUrl().equals(storefront("/")) ? true : null);
      browser.awaitShown("#sign-in");
      browser.open(storefront("/ops.html"));
      browser.awaitShown("#sign-in-staff").click();
      browser.signInAs("staff", Suite.PASSWORD);
      assertThat(browser.awaitShown("#signed-in-as").getText())
          .isEqualTo("Signed in as staff (staff)");

      WebElement record =
          browser.awaitShown(
              "#dead-letters section[data-topic='order-events-dlt'] tr[data-key='" + key + "']");
      assertThat(record.findElement(By.className("error")).getText()).isNotBlank();
      assertThat(record.getText())
          .containsPattern("given up by (inventory|payment|notification)-service");
      assertThat(browser.find("#services tr[data-service='order-service'] [data-health]").getText())
          .isEqualTo("UP");
      shop.awaitSettled(placed.id());
      browser.await(
          page ->
              Integer.parseInt(
                          page.findElement(
                                  By.cssSelector("#statuses tr[data-status='CANCELLED'] .number"))
                              .getText()
                              .replace(",", ""))
                      > 0
                  ? true
                  : null);
      // A few seconds of orders, for the chart: readings two seconds apart make its bars.
      for (int second = 0; second < 8; second++) {
        for (int i = 0; i < 3; i++) {
          shop.placeOrder(customer, new Line(MUG, 1));
        }
        Thread.sleep(1_000); // the pace of the orders, not a wait for a result
      }
      browser.await(
          page ->
              page.findElements(By.cssSelector("#sagas-chart rect.rate")).size() >= 3
                  ? true
                  : null);
      assertThat(browser.find("#sagas-now").getText()).contains("sagas/s now");
      browser.screenshot("operations");
    }
  }

  /** A fresh browser, signed in as the customer through the storefront's sign-in link. */
  private static Browser signedIn(String customer) {
    Browser browser = new Browser();
    try {
      browser.open(storefront("/"));
      browser.awaitShown("#sign-in").click();
      browser.signInAs(customer, Suite.PASSWORD);
      assertThat(browser.awaitShown("#signed-in-as").getText())
          .isEqualTo("Signed in as " + customer);
      return browser;
    } catch (RuntimeException | AssertionError e) {
      browser.close();
      throw e;
    }
  }

  private static void addToBasket(Browser browser, String sku, int quantity) {
    WebElement row = browser.awaitShown("#products tr[data-sku='" + sku + "']");
    WebElement field = row.findElement(By.cssSelector("input[type=number]"));
    field.clear();
    field.sendKeys(String.valueOf(quantity));
    row.findElement(By.cssSelector("button[type=submit]")).click();
    browser.awaitShown("#basket-lines li[data-sku='" + sku + "']");
  }

  private static UUID awaitOrderPage(Browser browser) {
    browser.await(page -> page.getCurrentUrl().contains("/order.html?id=") ? true : null);
    String url = browser.driver().getCurrentUrl();
    UUID id = UUID.fromString(url.substring(url.indexOf("id=") + 3));
    browser.awaitShown("#status .status");
    // Named by the random last block of its id: the first is the same for a minute's orders.
    assertThat(browser.awaitShown("#order-title").getText())
        .isEqualTo("Order " + id.toString().substring(28));
    return id;
  }

  private static void awaitStatus(Browser browser, String status) {
    browser.await(
        page ->
            status.equals(
                    page.findElement(By.cssSelector("#status .status")).getAttribute("data-status"))
                ? true
                : null);
  }

  private static String storefront(String path) {
    return "http://127.0.0.1:" + suite.storefront().port() + path;
  }
}
