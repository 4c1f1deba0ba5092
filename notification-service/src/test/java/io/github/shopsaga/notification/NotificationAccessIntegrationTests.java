package io.github.shopsaga.notification;

import static io.github.shopsaga.testsupport.AccessAssertions.assertForbidden;
import static io.github.shopsaga.testsupport.AccessAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.anonymous;

import io.github.shopsaga.testsupport.Tokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What each customer was told is theirs to read: another customer's answer as an unknown order. */
class NotificationAccessIntegrationTests extends IntegrationTestSupport {

  @Test
  void showsAnOrdersNotificationsToItsCustomerAndStaffOnly() {
    UUID orderId = UUID.randomUUID();
    // confirmed(...) announces an order of customer "alice".
    send(confirmed(orderId, uniqueRecipient()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !notifications.findByOrderIdOrderByCreatedAt(orderId).isEmpty());
    String path = "/api/notifications?orderId=" + orderId;

    assertUnauthorized(get(path, anonymous()));
    assertThat(get(path, Tokens.customer("bob"))).bodyJson().isEqualTo("[]");
    assertThat(get(path, Tokens.customer("alice")))
        .bodyJson()
        .extractingPath("$[0].type")
        .isEqualTo("ORDER_CONFIRMED");
    assertThat(get(path, Tokens.staff())).bodyJson().extractingPath("$.length()").isEqualTo(1);
  }

  @Test
  void keepsTheDeadLettersForStaff() {
    String path = "/actuator/deadletters/order-events?limit=1";
    assertUnauthorized(get(path, anonymous()));
    assertForbidden(get(path, Tokens.customer("alice")));
    assertThat(get(path, Tokens.staff())).hasStatusOk();
  }

  private MvcTestResult get(String path, RequestPostProcessor caller) {
    return mvc.get().uri(path).with(caller).exchange();
  }
}
