package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

class OrderApiIntegrationTests extends IntegrationTestSupport {

  @Autowired JdbcClient jdbc;

  private long ordersOf(String customerId) {
    return orders.findByCustomer(customerId, 0, 100).getTotalElements();
  }

  @Test
  void storesAPendingUnpricedOrder() throws Exception {
    String customer = newCustomer();

    MvcTestResult placed = post(orderJson(customer), null);

    assertThat(placed).hasStatus(HttpStatus.ACCEPTED);
    UUID id = idOf(placed);
    assertThat(placed).hasHeader("Location", "/api/orders/" + id);
    MvcTestResult fetched = mvc.get().uri("/api/orders/{id}", id).exchange();
    assertThat(fetched).hasStatusOk();
    assertThat(fetched)
        .bodyJson()
        .isEqualTo(placed.getResponse().getContentAsString())
        .extractingPath("$.status")
        .isEqualTo("PENDING");
    assertThat(fetched).bodyJson().extractingPath("$.total").isNull();
    assertThat(fetched).bodyJson().extractingPath("$.currency").isEqualTo("EUR");
    assertThat(mvc.get().uri("/api/orders/{id}/events", id).exchange())
        .bodyJson()
        .extractingPath("$[*].type")
        .isEqualTo(List.of("OrderPlaced"));
  }

  @Test
  void insertsANewOrderWithoutReadingItFirst() throws Exception {
    UUID id = idOf(post(orderJson(newCustomer()), null));

    // A merge instead of an insert would have selected the order first and then bumped its
    // version for the lines it copied: version 1.
    assertThat(
            jdbc.sql("select version from orders where id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void returnsTheSameOrderWhenARequestIsReplayedWithItsIdempotencyKey() throws Exception {
    String customer = newCustomer();

    MvcTestResult first = post(orderJson(customer), "checkout-1");
    MvcTestResult replay = post(orderJson(customer), "checkout-1");

    assertThat(first).hasStatus(HttpStatus.ACCEPTED);
    assertThat(replay).hasStatus(HttpStatus.OK);
    assertThat(idOf(replay)).isEqualTo(idOf(first));
    assertThat(ordersOf(customer)).isEqualTo(1);
  }

  @Test
  void refusesAnIdempotencyKeyReusedForAnotherRequest() throws Exception {
    String customer = newCustomer();
    assertThat(post(orderJson(customer), "checkout-1")).hasStatus(HttpStatus.ACCEPTED);

    MvcTestResult other =
        post(
            """
            {"customerId":"%s","customerEmail":"someone@example.com",
             "items":[{"sku":"MUG-1","quantity":3}]}
            """
                .formatted(customer),
            "checkout-1");

    assertThat(other)
        .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(ordersOf(customer)).isEqualTo(1);
  }

  @Test
  void scopesIdempotencyKeysPerCustomer() throws Exception {
    UUID first = idOf(post(orderJson(newCustomer()), "checkout-1"));
    UUID second = idOf(post(orderJson(newCustomer()), "checkout-1"));

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void placesOneOrderForConcurrentRequestsWithTheSameIdempotencyKey() throws Exception {
    String customer = newCustomer();
    Callable<UUID> request = () -> idOf(post(orderJson(customer), "double-click"));

    List<UUID> ids;
    try (var executor = Executors.newFixedThreadPool(8)) {
      ids =
          executor.invokeAll(IntStream.range(0, 8).mapToObj(_ -> request).toList()).stream()
              .map(
                  future -> {
                    try {
                      return future.get();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList();
    }

    assertThat(ids).hasSize(8).containsOnly(ids.getFirst());
    assertThat(ordersOf(customer)).isEqualTo(1);
  }

  @Test
  void listsACustomersOrdersNewestFirstInPages() throws Exception {
    String customer = newCustomer();
    UUID oldest = idOf(post(orderJson(customer), null));
    UUID middle = idOf(post(orderJson(customer), null));
    UUID newest = idOf(post(orderJson(customer), null));
    post(orderJson(newCustomer()), null);

    MvcTestResult firstPage =
        mvc.get().uri("/api/orders?customerId={c}&size=2", customer).exchange();
    MvcTestResult secondPage =
        mvc.get().uri("/api/orders?customerId={c}&size=2&page=1", customer).exchange();

    assertThat(firstPage).hasStatusOk();
    assertThat(firstPage)
        .bodyJson()
        .extractingPath("$.content[*].id")
        .isEqualTo(List.of(newest.toString(), middle.toString()));
    assertThat(firstPage)
        .bodyJson()
        .extractingPath("$.page")
        .isEqualTo(Map.of("size", 2, "number", 0, "totalElements", 3, "totalPages", 2));
    assertThat(secondPage)
        .bodyJson()
        .extractingPath("$.content[*].id")
        .isEqualTo(List.of(oldest.toString()));
  }

  @Test
  void capsThePageSize() {
    MvcTestResult result =
        mvc.get().uri("/api/orders?customerId={c}&size=5000", newCustomer()).exchange();

    assertThat(result).hasStatusOk();
    assertThat(result)
        .bodyJson()
        .extractingPath("$.page.size")
        .isEqualTo(OrderService.MAX_PAGE_SIZE);
  }

  @Test
  void answersNotFoundForTheHistoryOfAnUnknownOrder() {
    assertThat(mvc.get().uri("/api/orders/{id}/events", UUID.randomUUID()).exchange())
        .hasStatus(HttpStatus.NOT_FOUND)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void reportsItselfHealthyWithProbes() {
    for (String path :
        List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
      MvcTestResult result = mvc.get().uri(path).exchange();

      assertThat(result).hasStatusOk();
      assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("UP");
    }
  }
}
