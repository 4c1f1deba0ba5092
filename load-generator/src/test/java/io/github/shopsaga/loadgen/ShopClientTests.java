package io.github.shopsaga.loadgen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.shopsaga.loadgen.Plan.Kind;
import io.github.shopsaga.loadgen.Plan.Line;
import io.github.shopsaga.loadgen.Plan.OrderSpec;
import io.github.shopsaga.loadgen.ShopClient.OrderChange;
import io.github.shopsaga.loadgen.ShopClient.Placement;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The client against a stand-in of the suite's HTTP API, on a local port. */
class ShopClientTests {

  private static final String ORDER_ID = "019af0c4-1e2d-7c3b-9a1f-5d6e7f8a9b0c";

  private HttpServer server;
  private ShopClient client;
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/oauth2/token",
        exchange -> {
          clientPorts.add(exchange.getRemoteAddress().getPort());
          seen.put("token authorization", exchange.getRequestHeaders().getFirst("Authorization"));
          seen.put("token body", new String(exchange.getRequestBody().readAllBytes(), UTF_8));
          tokensIssued.incrementAndGet();
          answer(exchange, 200, "{\"access_token\":\"t0k3n\",\"expires_in\":300}");
        });
    server.createContext(
        "/api/orders",
        exchange -> {
          clientPorts.add(exchange.getRemoteAddress().getPort());
          String path = exchange.getRequestURI().getPath();
          if (exchange.getRequestMethod().equals("POST")) {
            seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            seen.put("idempotency key", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            seen.put("content type", exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            answer(exchange, 202, "{\"id\":\"" + ORDER_ID + "\",\"status\":\"PENDING\"}");
          } else if (path.equals("/api/orders/updates")) {
            seen.put(
                "last event id",
                String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
            seen.put("query", exchange.getRequestURI().getQuery());
            stream(exchange);
          } else if (path.equals("/api/orders/" + ORDER_ID)) {
            answer(
                exchange,
                200,
                """
                {"id":"%s","status":"CONFIRMED","failureReason":null,"total":25.00,\
                "updatedAt":"2026-12-07T04:00:00Z"}"""
                    .formatted(ORDER_ID));
          } else {
            answer(exchange, 404, "{\"title\":\"Not Found\"}");
          }
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    client =
        new ShopClient(
            new ShopClient.Urls(base, base, base, base, base + "/oauth2/token"),
            Duration.ofSeconds(5),
            4);
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void placesAnOrderWithItsTokenAndIdempotencyKeyAndReadsItsId() throws Exception {
    OrderSpec order =
        new OrderSpec(7, Kind.REGULAR, "alice", "alice@example.com", List.of(new Line("MUG-1", 2)));

    Placement placement = client.placeOrder(order);

    assertThat(placement.status()).isEqualTo(202);
    assertThat(placement.accepted()).isTrue();
    assertThat(placement.orderId()).isEqualTo(ORDER_ID);
    assertThat(seen)
        .containsEntry("authorization", "Bearer t0k3n")
        .containsEntry("idempotency key", "bench-7")
        .containsEntry("token authorization", "Basic c2hvcC1jbGk6c2hvcC1jbGktc2VjcmV0")
        .containsEntry(
            "token body", "grant_type=client_credentials&scope=shop.act-for-customers+shop.staff");
    assertThat(seen.get("content type")).startsWith("application/json");
    JsonMapper json = JsonMapper.builder().build();
    assertThat(json.readTree(seen.get("body")))
        .isEqualTo(
            json.readTree(
                """
                {"customerId":"alice","customerEmail":"alice@example.com",
                 "items":[{"sku":"MUG-1","quantity":2}]}"""));
  }

  @Test
  void reusesTheTokenAndTheConnectionForLaterRequests() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(client.order(ORDER_ID)).isNotNull();
    }

    assertThat(tokensIssued).hasValue(1);
    assertThat(clientPorts).hasSize(1);
  }

  @Test
  void readsAnOrderAndTellsAMissingOneApart() throws Exception {
    ShopClient.OrderState order = client.order(ORDER_ID);

    assertThat(order.status()).isEqualTo("CONFIRMED");
    assertThat(order.total()).isEqualByComparingTo(new BigDecimal("25.00"));
    assertThat(order.failureReason()).isNull();
    assertThat(client.order("019af0c4-0000-7000-8000-000000000000")).isNull();
  }

  @Test
  void followsTheStreamOfOrderChangesUntilItEnds() throws Exception {
    List<OrderChange> changes = new ArrayList<>();

    String last = client.followOrders("alice", "41", changes::add);

    assertThat(seen).containsEntry("last event id", "41");
    assertThat(seen.get("query"))
        .as("asks for the outcomes only")
        .startsWith("customerId=alice&status=")
        .contains("CONFIRMED", "REJECTED", "CANCELLED")
        .doesNotContain("PENDING", "AWAITING_PAYMENT");
    assertThat(changes)
        .extracting(OrderChange::eventId, OrderChange::orderId, change -> change.state().status())
        .containsExactly(
            tuple("42", ORDER_ID, "AWAITING_PAYMENT"), tuple("43", ORDER_ID, "CONFIRMED"));
    assertThat(last).isEqualTo("43");
  }

  @Test
  void saysWhenTheStreamIsRefused() {
    server.removeContext("/api/orders");
    server.createContext("/api/orders", exchange -> answer(exchange, 403, "{}"));

    assertThatThrownBy(() -> client.followOrders("alice", null, _ -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("403");
  }

  /** Two changes of one order, a comment between them, then the end of the stream. */
  private static void stream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream body = exchange.getResponseBody()) {
      for (String event :
          List.of(
              "id:42\ndata:{\"id\":\"%s\",\"status\":\"AWAITING_PAYMENT\"}\n\n",
              ":keep-alive\n\n",
              "id:43\ndata:{\"id\":\"%s\",\"status\":\"CONFIRMED\",\"total\":25.00}\n\n")) {
        body.write(event.formatted(ORDER_ID).getBytes(UTF_8));
        body.flush();
      }
    }
  }

  private void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
