package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.anonymous;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import io.github.shopsaga.testsupport.AccessAssertions;
import io.github.shopsaga.testsupport.Tokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who may do what with orders: every endpoint, called anonymously, by another customer, by the
 * owner and by staff; where access is refused, nothing changed. Another customer's order answers
 * exactly as an unknown one, so order ids cannot be probed.
 */
class OrderAccessIntegrationTests extends IntegrationTestSupport {

  private static final RequestPostProcessor STAFF = Tokens.staff();

  @Autowired MockMvc mockMvc;

  private String alice;
  private String bob;
  private UUID alicesOrder;

  @BeforeEach
  void aliceHasAnOrder() throws Exception {
    alice = newCustomer();
    bob = newCustomer();
    MvcTestResult placed = placeAs(Tokens.customer(alice), alice, null);
    assertThat(placed).hasStatus(HttpStatus.ACCEPTED);
    alicesOrder = idOf(placed);
  }

  @Test
  void placesAnOrderOnlyForTheCustomerTheTokenActsFor() {
    AccessAssertions.assertUnauthorized(placeAs(anonymous(), alice, null));
    AccessAssertions.assertProblem(
        placeAs(Tokens.customer(bob), alice, null), HttpStatus.FORBIDDEN);
    AccessAssertions.assertProblem(placeAs(STAFF, alice, null), HttpStatus.FORBIDDEN);
    assertThat(ordersOf(alice)).isEqualTo(1);

    assertThat(placeAs(Tokens.customer(alice), alice, null)).hasStatus(HttpStatus.ACCEPTED);
    assertThat(placeAs(Tokens.backOffice(), alice, null)).hasStatus(HttpStatus.ACCEPTED);
    assertThat(ordersOf(alice)).isEqualTo(3);
  }

  @Test
  void showsAnOrderToItsCustomerAndStaffAndToNobodyElse() {
    String path = "/api/orders/" + alicesOrder;
    AccessAssertions.assertUnauthorized(get(path, anonymous()));
    MvcTestResult asBob = get(path, Tokens.customer(bob));
    MvcTestResult unknown = get("/api/orders/" + UUID.randomUUID(), Tokens.customer(bob));
    AccessAssertions.assertProblem(asBob, HttpStatus.NOT_FOUND);
    AccessAssertions.assertProblem(unknown, HttpStatus.NOT_FOUND);
    assertThat(asBob)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("Order %s does not exist".formatted(alicesOrder));

    assertThat(get(path, Tokens.customer(alice))).hasStatusOk();
    assertThat(get(path, STAFF)).hasStatusOk();
  }

  @Test
  void showsAnOrdersHistoryToItsCustomerAndStaffOnly() {
    String path = "/api/orders/" + alicesOrder + "/events";
    AccessAssertions.assertUnauthorized(get(path, anonymous()));
    AccessAssertions.assertProblem(get(path, Tokens.customer(bob)), HttpStatus.NOT_FOUND);
    assertThat(get(path, Tokens.customer(alice))).hasStatusOk();
    assertThat(get(path, STAFF)).hasStatusOk();
  }

  @Test
  void listsACustomersOrdersToThatCustomerAndStaffOnly() {
    String path = "/api/orders?customerId=" + alice;
    AccessAssertions.assertUnauthorized(get(path, anonymous()));
    AccessAssertions.assertProblem(get(path, Tokens.customer(bob)), HttpStatus.FORBIDDEN);
    assertThat(get(path, Tokens.customer(alice)))
        .bodyJson()
        .extractingPath("$.page.totalElements")
        .isEqualTo(1);
    assertThat(get(path, STAFF)).hasStatusOk();
  }

  @Test
  void streamsACustomersOrderChangesToThatCustomerOnly() throws Exception {
    String path = "/api/orders/updates?customerId=" + alice;
    AccessAssertions.assertUnauthorized(get(path, anonymous()));
    AccessAssertions.assertProblem(get(path, Tokens.customer(bob)), HttpStatus.FORBIDDEN);
    mockMvc
        .perform(MockMvcRequestBuilders.get(path).with(Tokens.customer(alice)))
        .andExpect(request().asyncStarted());
  }

  @Test
  void letsOnlyTheCustomerCancelTheirOrder() {
    String path = "/api/orders/" + alicesOrder + "/cancel";
    AccessAssertions.assertUnauthorized(post(path, anonymous()));
    AccessAssertions.assertProblem(post(path, Tokens.customer(bob)), HttpStatus.NOT_FOUND);
    AccessAssertions.assertProblem(post(path, STAFF), HttpStatus.FORBIDDEN);
    assertThat(orders.find(alicesOrder, BACK_OFFICE).status()).isEqualTo(OrderStatus.PENDING);

    assertThat(post(path, Tokens.customer(alice))).hasStatus(HttpStatus.ACCEPTED);
    assertThat(orders.find(alicesOrder, BACK_OFFICE).status()).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void keepsEachCustomersIdempotencyKeysApart() throws Exception {
    MvcTestResult alices = placeAs(Tokens.customer(alice), alice, "shared-key");
    MvcTestResult bobs = placeAs(Tokens.customer(bob), bob, "shared-key");

    assertThat(alices).hasStatus(HttpStatus.ACCEPTED);
    assertThat(bobs).hasStatus(HttpStatus.ACCEPTED);
    assertThat(idOf(bobs)).isNotEqualTo(idOf(alices));
    // Bob cannot reach alice's order through her key either: he may not name her.
    AccessAssertions.assertProblem(
        placeAs(Tokens.customer(bob), alice, "shared-key"), HttpStatus.FORBIDDEN);
  }

  @Test
  void keepsTheActuatorAndTheApiDocumentsForStaff() {
    assertThat(get("/actuator/health", anonymous())).hasStatusOk();
    for (String path : new String[] {"/actuator/prometheus", "/v3/api-docs"}) {
      AccessAssertions.assertUnauthorized(get(path, anonymous()));
      AccessAssertions.assertProblem(get(path, Tokens.customer(alice)), HttpStatus.FORBIDDEN);
      assertThat(get(path, STAFF)).hasStatusOk();
    }
  }

  private MvcTestResult placeAs(RequestPostProcessor caller, String customerId, String key) {
    var request =
        mvc.post()
            .uri("/api/orders")
            .with(caller)
            .contentType(MediaType.APPLICATION_JSON)
            .content(orderJson(customerId));
    if (key != null) {
      request = request.header("Idempotency-Key", key);
    }
    return request.exchange();
  }

  private long ordersOf(String customerId) {
    return orders.findByCustomer(customerId, 0, 100).getTotalElements();
  }

  private MvcTestResult get(String path, RequestPostProcessor caller) {
    return mvc.get().uri(path).with(caller).exchange();
  }

  private MvcTestResult post(String path, RequestPostProcessor caller) {
    return mvc.post().uri(path).with(caller).exchange();
  }
}
