package io.github.shopsaga.payment;

import static io.github.shopsaga.testsupport.AccessAssertions.assertForbidden;
import static io.github.shopsaga.testsupport.AccessAssertions.assertProblem;
import static io.github.shopsaga.testsupport.AccessAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.anonymous;

import io.github.shopsaga.testsupport.Tokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who may do what with accounts and payments: staff open accounts; a customer sees their own
 * account and payments, staff anyone's; another customer's answer as unknown ones.
 */
class PaymentAccessIntegrationTests extends IntegrationTestSupport {

  @Test
  void letsOnlyStaffOpenAnAccount() {
    String customer = "customer-" + UUID.randomUUID();
    assertUnauthorized(open(customer, anonymous()));
    assertForbidden(open(customer, Tokens.customer(customer)));
    assertForbidden(open(customer, Tokens.backOfficeActingForCustomersOnly()));
    assertThat(
            jdbc.sql("select count(*) from account where customer_id = ?")
                .param(customer)
                .query(Integer.class)
                .single())
        .isZero();

    assertThat(open(customer, Tokens.staff())).hasStatus(HttpStatus.CREATED);
  }

  @Test
  void showsAnAccountToItsCustomerAndStaffAsIfOthersHadNone() {
    String alice = openAccount("50.00");
    String bob = openAccount("20.00");
    String path = "/api/accounts/" + alice;

    assertUnauthorized(get(path, anonymous()));
    MvcTestResult asBob = get(path, Tokens.customer(bob));
    assertProblem(asBob, HttpStatus.NOT_FOUND);
    assertThat(asBob)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("No account for customer '%s'".formatted(alice));
    assertThat(get(path, Tokens.customer(alice)))
        .bodyJson()
        .extractingPath("$.balance")
        .isEqualTo(50.0);
    assertThat(get(path, Tokens.staff())).hasStatusOk();
  }

  @Test
  void showsAnOrdersPaymentsToItsCustomerAndStaffOnly() {
    String alice = openAccount("50.00");
    String bob = openAccount("20.00");
    UUID orderId = UUID.randomUUID();
    var reserved = reserved(orderId, alice, "10.00");
    send(reserved);
    await().atMost(Duration.ofSeconds(30)).until(() -> processed(reserved.eventId()));
    String path = "/api/payments?orderId=" + orderId;

    assertUnauthorized(get(path, anonymous()));
    assertThat(get(path, Tokens.customer(bob))).bodyJson().isEqualTo("[]");
    assertThat(get(path, Tokens.customer(alice)))
        .bodyJson()
        .extractingPath("$[0].customerId")
        .isEqualTo(alice);
    assertThat(get(path, Tokens.staff())).bodyJson().extractingPath("$.length()").isEqualTo(1);
  }

  private MvcTestResult open(String customerId, RequestPostProcessor caller) {
    return mvc.post()
        .uri("/api/accounts")
        .with(caller)
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"customerId\":\"%s\",\"balance\":1000000000}".formatted(customerId))
        .exchange();
  }

  private MvcTestResult get(String path, RequestPostProcessor caller) {
    return mvc.get().uri(path).with(caller).exchange();
  }
}
