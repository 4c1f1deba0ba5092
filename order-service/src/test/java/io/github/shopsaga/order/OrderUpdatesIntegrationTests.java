package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A customer's order changes streamed as server-sent events. */
class OrderUpdatesIntegrationTests extends IntegrationTestSupport {

  @Autowired MockMvc mockMvc;

  @Test
  void streamsEachChangeOfTheCustomersOrdersAsItCommits() throws Exception {
    String customer = newCustomer();
    MvcResult stream = follow(customer, null);
    UUID orderId = idOf(post(orderJson(customer), null));

    send(stockReserved(orderId));
    send(charged(orderId));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(stream.getResponse().getContentAsString())
                    .contains("event:order")
                    .contains("\"id\":\"" + orderId + "\"")
                    .contains("\"status\":\"AWAITING_PAYMENT\"")
                    .contains("\"status\":\"CONFIRMED\""));
  }

  @Test
  void startsWithWhatChangedSinceTheLastEventTheClientSaw() throws Exception {
    String customer = newCustomer();
    Instant before = Instant.now();
    UUID orderId = idOf(post(orderJson(customer), null));
    String otherCustomer = newCustomer();
    UUID otherOrder = idOf(post(orderJson(otherCustomer), null));

    MvcResult stream = follow(customer, before.toString());

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(stream.getResponse().getContentAsString())
                    .contains("\"id\":\"" + orderId + "\"")
                    .contains("\"status\":\"PENDING\"")
                    .doesNotContain(otherOrder.toString()));
  }

  @Test
  void refusesALastEventIdThatIsNotAnInstant() {
    assertThat(
            mvc.get()
                .uri("/api/orders/updates?customerId={customer}", newCustomer())
                .header(OrderController.LAST_EVENT_ID, "yesterday"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .contains("Last-Event-ID");
  }

  @Test
  void refusesAnInvalidCustomerId() {
    assertThat(mvc.get().uri("/api/orders/updates?customerId={customer}", "not a customer"))
        .hasStatus(HttpStatus.BAD_REQUEST);
  }

  private MvcResult follow(String customer, String lastEventId) throws Exception {
    var call = get("/api/orders/updates").param("customerId", customer);
    if (lastEventId != null) {
      call = call.header(OrderController.LAST_EVENT_ID, lastEventId);
    }
    return mockMvc.perform(call).andExpect(request().asyncStarted()).andReturn();
  }
}
