package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.github.shopsaga.web.ApiProblems;
import io.github.shopsaga.web.Caller;
import io.github.shopsaga.web.WebSupportAutoConfiguration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(OrderController.class)
@ImportAutoConfiguration(WebSupportAutoConfiguration.class)
class OrderControllerTests {

  /** The back office, as MockMvc requests carry it by default (test-support's Tokens). */
  private static final Caller BACK_OFFICE =
      new Caller("shop-cli", Set.of(Caller.ACT_FOR_CUSTOMERS, Caller.STAFF));

  private static final UUID ORDER_ID = UUID.fromString("6f1c2a7e-3b9d-4c11-9e8f-2a4b5c6d7e80");
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");
  private static final String VALID_BODY =
      """
      {"customerId":"alice","customerEmail":"alice@example.com",
       "items":[{"sku":"MUG-1","quantity":2}]}
      """;

  @Autowired MockMvcTester mvc;

  @MockitoBean OrderService orders;

  private static OrderResponse pending() {
    return new OrderResponse(
        ORDER_ID,
        "alice",
        "alice@example.com",
        OrderStatus.PENDING,
        null,
        List.of(new OrderResponse.Item("MUG-1", 2, null)),
        null,
        "EUR",
        AT,
        AT);
  }

  private static OrderResponse confirmed() {
    return new OrderResponse(
        ORDER_ID,
        "alice",
        "alice@example.com",
        OrderStatus.CONFIRMED,
        null,
        List.of(new OrderResponse.Item("MUG-1", 2, new BigDecimal("12.50"))),
        new BigDecimal("25.00"),
        "EUR",
        AT,
        AT);
  }

  private MvcTestResult post(String body) {
    return mvc.post()
        .uri("/api/orders")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .exchange();
  }

  /** An order of {@code count} items, item {@code i} written by {@code item.formatted(i)}. */
  private static String orderOf(int count, String item) {
    String items =
        IntStream.rangeClosed(1, count).mapToObj(item::formatted).collect(Collectors.joining(","));
    return "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[%s]}"
        .formatted(items);
  }

  /** A client mistake: a problem+json answer, and the service was never asked to do anything. */
  private void assertRejected(MvcTestResult result, HttpStatus status) {
    assertProblem(result, status);
    verifyNoInteractions(orders);
  }

  private static void assertProblem(MvcTestResult result, HttpStatus status) {
    assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
    assertThat(result).bodyJson().extractingPath("$.detail").isNotNull();
  }

  @Test
  void acceptsAnOrderWithLocationAndThePendingOrder() {
    given(orders.place(any(), isNull())).willReturn(new OrderService.Placement(pending(), true));

    MvcTestResult result = post(VALID_BODY);

    assertThat(result)
        .hasStatus(HttpStatus.ACCEPTED)
        .hasHeader("Location", "/api/orders/" + ORDER_ID);
    assertThat(result)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"id":"6f1c2a7e-3b9d-4c11-9e8f-2a4b5c6d7e80","customerId":"alice",
             "customerEmail":"alice@example.com","status":"PENDING","failureReason":null,
             "items":[{"sku":"MUG-1","quantity":2,"unitPrice":null}],
             "total":null,"currency":"EUR",
             "createdAt":"2026-11-23T10:15:30.123456Z","updatedAt":"2026-11-23T10:15:30.123456Z"}
            """);
  }

  @Test
  void ignoresFieldsOutsideTheContract() {
    given(orders.place(any(), isNull())).willReturn(new OrderService.Placement(pending(), true));

    post(
        """
        {"customerId":"alice","customerEmail":"alice@example.com","status":"CONFIRMED",
         "total":0.01,"id":"00000000-0000-0000-0000-000000000000",
         "items":[{"sku":"MUG-1","quantity":2,"unitPrice":0.01}]}
        """);

    verify(orders)
        .place(
            eq(
                new PlaceOrderRequest(
                    "alice", "alice@example.com", List.of(new PlaceOrderRequest.Item("MUG-1", 2)))),
            isNull());
  }

  @Test
  void answersAReplayWithOkAndTheEarlierOrder() {
    given(orders.place(any(), eq("key-1")))
        .willReturn(new OrderService.Placement(pending(), false));

    MvcTestResult result =
        mvc.post()
            .uri("/api/orders")
            .header("Idempotency-Key", "key-1")
            .contentType(MediaType.APPLICATION_JSON)
            .content(VALID_BODY)
            .exchange();

    assertThat(result).hasStatus(HttpStatus.OK).hasHeader("Location", "/api/orders/" + ORDER_ID);
    assertThat(result).bodyJson().extractingPath("$.id").isEqualTo(ORDER_ID.toString());
  }

  @Test
  void passesOnTheConflictOfAReusedIdempotencyKey() {
    given(orders.place(any(), eq("key-1")))
        .willThrow(ApiProblems.unprocessable("used for a different request"));

    MvcTestResult result =
        mvc.post()
            .uri("/api/orders")
            .header("Idempotency-Key", "key-1")
            .contentType(MediaType.APPLICATION_JSON)
            .content(VALID_BODY)
            .exchange();

    assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\",\"quantity\":1}]}",
        "{\"customerId\":\"\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\",\"quantity\":1}]}",
        "{\"customerId\":\"al ice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\",\"quantity\":1}]}",
        "{\"customerId\":\"alice\",\"items\":[{\"sku\":\"A\",\"quantity\":1}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"not-an-address\",\"items\":[{\"sku\":\"A\",\"quantity\":1}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\"}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[null]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"quantity\":1}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"MUG/1\",\"quantity\":1}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\"}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\",\"quantity\":0}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\",\"quantity\":1001}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\",\"quantity\":-1}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\",\"quantity\":1},{\"sku\":\"A\",\"quantity\":2}]}",
      })
  void rejectsAnInvalidOrderWithAValidationProblem(String body) {
    MvcTestResult result = post(body);

    assertRejected(result, HttpStatus.BAD_REQUEST);
    assertThat(result).bodyJson().extractingPath("$.errors").asArray().isNotEmpty();
  }

  @Test
  void namesTheItemsWhenASkuAppearsTwice() {
    MvcTestResult result =
        post(
            """
            {"customerId":"alice","customerEmail":"a@example.com",
             "items":[{"sku":"A","quantity":1},{"sku":"A","quantity":2}]}
            """);

    assertProblem(result, HttpStatus.BAD_REQUEST);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("items");
  }

  @Test
  void rejectsMoreThanFiftyItems() {
    MvcTestResult result = post(orderOf(51, "{\"sku\":\"SKU-%d\",\"quantity\":1}"));

    assertRejected(result, HttpStatus.BAD_REQUEST);
  }

  @Test
  void checksTheSizeOfAHugeItemListBeforeItsItems() {
    MvcTestResult result = post(orderOf(5_000, "{\"sku\":\"SKU/%d\",\"quantity\":0}"));

    assertRejected(result, HttpStatus.BAD_REQUEST);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("The request has 1 invalid field(s)");
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("items");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"customerId\":\"alice\",",
        "[]",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\",\"quantity\":1.5}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"A\",\"quantity\":\"many\"}]}",
        "{\"customerId\":\"alice\",\"customerEmail\":\"a@example.com\",\"items\":{\"sku\":\"A\"}}",
      })
  void rejectsUnreadableJson(String body) {
    assertRejected(post(body), HttpStatus.BAD_REQUEST);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ключ", "tab\there"})
  void rejectsAnInvalidIdempotencyKey(String key) {
    MvcTestResult result =
        mvc.post()
            .uri("/api/orders")
            .header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON)
            .content(VALID_BODY)
            .exchange();

    assertRejected(result, HttpStatus.BAD_REQUEST);
  }

  @Test
  void rejectsAnIdempotencyKeyLongerThanAHundredCharacters() {
    MvcTestResult result =
        mvc.post()
            .uri("/api/orders")
            .header("Idempotency-Key", "k".repeat(101))
            .contentType(MediaType.APPLICATION_JSON)
            .content(VALID_BODY)
            .exchange();

    assertRejected(result, HttpStatus.BAD_REQUEST);
  }

  @Test
  void rejectsAnotherContentType() {
    MvcTestResult result =
        mvc.post()
            .uri("/api/orders")
            .contentType(MediaType.TEXT_PLAIN)
            .content(VALID_BODY)
            .exchange();

    assertRejected(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void showsAnOrderWithPricesAtTwoDecimals() {
    given(orders.find(ORDER_ID, BACK_OFFICE)).willReturn(confirmed());

    MvcTestResult result = mvc.get().uri("/api/orders/{id}", ORDER_ID).exchange();

    assertThat(result).hasStatusOk();
    assertThat(result)
        .body()
        .asString()
        .contains("\"unitPrice\":12.50")
        .contains("\"total\":25.00")
        .contains("\"failureReason\":null");
  }

  @Test
  void answersNotFoundForAnUnknownOrder() {
    given(orders.find(ORDER_ID, BACK_OFFICE)).willThrow(ApiProblems.notFound("no such order"));

    assertProblem(mvc.get().uri("/api/orders/{id}", ORDER_ID).exchange(), HttpStatus.NOT_FOUND);
  }

  @Test
  void rejectsAnOrderIdThatIsNotAUuid() {
    assertRejected(mvc.get().uri("/api/orders/not-a-uuid").exchange(), HttpStatus.BAD_REQUEST);
    assertRejected(
        mvc.post().uri("/api/orders/not-a-uuid/cancel").exchange(), HttpStatus.BAD_REQUEST);
    verifyNoInteractions(orders);
  }

  @Test
  void listsACustomersOrdersAsAPage() {
    given(orders.findByCustomer("alice", 0, 20))
        .willReturn(new PageImpl<>(List.of(pending()), PageRequest.of(0, 20), 1));

    MvcTestResult result = mvc.get().uri("/api/orders?customerId=alice").exchange();

    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.content[0].id").isEqualTo(ORDER_ID.toString());
    assertThat(result)
        .bodyJson()
        .extractingPath("$.page")
        .isEqualTo(Map.of("size", 20, "number", 0, "totalElements", 1, "totalPages", 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/orders",
        "/api/orders?customerId=",
        "/api/orders?customerId=al%20ice",
        "/api/orders?customerId=alice&page=-1",
        "/api/orders?customerId=alice&size=0",
        "/api/orders?customerId=alice&size=ten",
      })
  void rejectsAnInvalidListRequest(String uri) {
    assertRejected(mvc.get().uri(uri).exchange(), HttpStatus.BAD_REQUEST);
  }

  @Test
  void acceptsACancellation() {
    given(orders.cancel(ORDER_ID, BACK_OFFICE)).willReturn(confirmed());

    MvcTestResult result = mvc.post().uri("/api/orders/{id}/cancel", ORDER_ID).exchange();

    assertThat(result).hasStatus(HttpStatus.ACCEPTED);
    assertThat(result).bodyJson().extractingPath("$.id").isEqualTo(ORDER_ID.toString());
  }

  @Test
  void answersConflictWhenTheOrderIsAlreadyOver() {
    given(orders.cancel(ORDER_ID, BACK_OFFICE))
        .willThrow(ApiProblems.conflict("order is REJECTED"));

    assertProblem(
        mvc.post().uri("/api/orders/{id}/cancel", ORDER_ID).exchange(), HttpStatus.CONFLICT);
  }

  @Test
  void showsTheHistoryOldestFirst() {
    given(orders.history(ORDER_ID, BACK_OFFICE))
        .willReturn(
            List.of(
                new OrderEventResponse("OrderPlaced", AT, UUID.randomUUID(), null, null, null),
                new OrderEventResponse(
                    "StockRejected", AT, UUID.randomUUID(), "OUT_OF_STOCK", null, null)));

    MvcTestResult result = mvc.get().uri("/api/orders/{id}/events", ORDER_ID).exchange();

    assertThat(result).hasStatusOk();
    assertThat(result)
        .bodyJson()
        .extractingPath("$[*].type")
        .isEqualTo(List.of("OrderPlaced", "StockRejected"));
    assertThat(result)
        .bodyJson()
        .extractingPath("$[1].occurredAt")
        .isEqualTo("2026-11-23T10:15:30.123456Z");
  }
}
