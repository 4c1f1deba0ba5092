package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop as its clients see it: the contract's HTTP calls, nothing else. Responses are read into
 * records holding the fields the tests look at; the rest of each body is ignored.
 */
final class Shop {

  /** Long enough for a saga on a busy two-core machine, short enough to fail a hung one. */
  static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Set<String> SETTLED = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AccessTokens tokens;
  private final ServiceProcess order;
  private final ServiceProcess inventory;
  private final ServiceProcess payment;
  private final ServiceProcess notification;

  Shop(
      AccessTokens tokens,
      ServiceProcess order,
      ServiceProcess inventory,
      ServiceProcess payment,
      ServiceProcess notification) {
    this.tokens = tokens;
    this.order = order;
    this.inventory = inventory;
    this.payment = payment;
    this.notification = notification;
  }

  /** The same client, calling another order-service instance. */
  Shop at(ServiceProcess orderInstance) {
    return new Shop(tokens, orderInstance, inventory, payment, notification);
  }

  // ---- inventory-service

  Product addProduct(String sku, String unitPrice, int stock) {
    Response response =
        post(
            inventory.uri("/api/products"),
            Map.of(
                "sku",
                sku,
                "name",
                "Product " + sku,
                "unitPrice",
                new BigDecimal(unitPrice),
                "stock",
                stock),
            Map.of());
    assertThat(response.status()).as("POST /api/products %s", response).isEqualTo(201);
    return response.as(Product.class);
  }

  Product product(String sku) {
    return get(inventory.uri("/api/products/" + sku), Product.class);
  }

  // ---- payment-service

  Account openAccount(String customerId, String balance) {
    Response response =
        post(
            payment.uri("/api/accounts"),
            Map.of("customerId", customerId, "balance", new BigDecimal(balance)),
            Map.of());
    assertThat(response.status()).as("POST /api/accounts %s", response).isEqualTo(201);
    return response.as(Account.class);
  }

  Account account(String customerId) {
    return get(payment.uri("/api/accounts/" + customerId), Account.class);
  }

  List<Payment> payments(UUID orderId) {
    return get(payment.uri("/api/payments?orderId=" + orderId), new TypeReference<>() {});
  }

  // ---- order-service

  /** Places an order and expects it accepted (202, PENDING). */
  Order placeOrder(String customerId, Line... lines) {
    Response response = placeOrder(customerId, null, lines);
    assertThat(response.status()).as("POST /api/orders %s", response).isEqualTo(202);
    Order placed = response.as(Order.class);
    assertThat(placed.status()).isEqualTo("PENDING");
    return placed;
  }

  /** Places an order, with an Idempotency-Key when one is given, and returns whatever came back. */
  Response placeOrder(String customerId, String idempotencyKey, Line... lines) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customerId", customerId);
    body.put("customerEmail", emailOf(customerId));
    body.put("items", List.of(lines));
    return post(
        order.uri("/api/orders"),
        body,
        idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
  }

  Order order(UUID id) {
    return get(order.uri("/api/orders/" + id), Order.class);
  }

  OrderPage ordersOf(String customerId) {
    return get(order.uri("/api/orders?customerId=" + customerId), OrderPage.class);
  }

  /** One page of a customer's orders, newest first ({@code size} at most 100). */
  OrderPage ordersOf(String customerId, int page, int size) {
    return get(
        order.uri("/api/orders?customerId=" + customerId + "&page=" + page + "&size=" + size),
        OrderPage.class);
  }

  List<HistoryEntry> history(UUID id) {
    return get(order.uri("/api/orders/" + id + "/events"), new TypeReference<>() {});
  }

  Response cancel(UUID id) {
    return post(order.uri("/api/orders/" + id + "/cancel"), null, Map.of());
  }

  /**
   * Waits until the saga of the order has settled (CONFIRMED, REJECTED or CANCELLED) and returns
   * the order; whether it settled the expected way is the caller's assertion.
   */
  Order awaitSettled(UUID id) {
    return await("order " + id + " settled")
        .atMost(SAGA_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> order(id), placed -> SETTLED.contains(placed.status()));
  }

  /** Waits until the order has the given status. */
  Order awaitStatus(UUID id, String status) {
    return await("order " + id + " " + status)
        .atMost(SAGA_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> order(id), placed -> placed.status().equals(status));
  }

  /**
   * Follows the customer's order changes on one order-service instance (server-sent events), from
   * the moment the stream is open (when this returns) until it is closed.
   */
  OrderStream follow(ServiceProcess orderInstance, String customerId) {
    URI uri = orderInstance.uri("/api/orders/updates?customerId=" + customerId);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + tokens.current())
            .build();
    HttpResponse<Stream<String>> response;
    try {
      response =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted opening " + uri, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot open " + uri, e);
    }
    assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    return new OrderStream(response.body());
  }

  /** The orders a stream carried, as they arrived. */
  static final class OrderStream implements AutoCloseable {

    private final Stream<String> lines;
    private final List<Order> received = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    private OrderStream(Stream<String> lines) {
      this.lines = lines;
      Thread.ofVirtual().name("order-stream").start(this::read);
    }

    private void read() {
      try {
        lines
            .filter(line -> line.startsWith("data:"))
            .forEach(
                line ->
                    received.add(JSON.readValue(line.substring("data:".length()), Order.class)));
      } catch (RuntimeException e) {
        failure = e; // Closed by close(), or a line that is not an order.
      }
    }

    /** The statuses the stream carried for the order, in the order they came. */
    List<String> statusesOf(UUID orderId) {
      assertThat(failure).as("reading the stream").isNull();
      return received.stream()
          .filter(order -> order.id().equals(orderId))
          .map(Order::status)
          .toList();
    }

    @Override
    public void close() {
      lines.close();
    }
  }

  // ---- notification-service

  List<Notification> notifications(UUID orderId) {
    return get(notification.uri("/api/notifications?orderId=" + orderId), new TypeReference<>() {});
  }

  /** A sku or customer id no other test uses: the tests share the suite's databases. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Every customer of the tests has this address, so e-mails can be told apart by recipient. */
  static String emailOf(String customerId) {
    return customerId + "@example.com";
  }

  // ---- HTTP

  private <T> T get(URI uri, Class<T> type) {
    Response response = send(HttpRequest.newBuilder(uri).GET(), uri);
    assertThat(response.status()).as("GET %s %s", uri, response).isEqualTo(200);
    return response.as(type);
  }

  private <T> T get(URI uri, TypeReference<T> type) {
    Response response = send(HttpRequest.newBuilder(uri).GET(), uri);
    assertThat(response.status()).as("GET %s %s", uri, response).isEqualTo(200);
    return JSON.readValue(response.body(), type);
  }

  private Response post(URI uri, Object body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return send(request, uri);
  }

  private Response send(HttpRequest.Builder request, URI uri) {
    try {
      HttpResponse<String> response =
          http.send(
              request
                  .header("Accept", "application/json, application/problem+json")
                  .header("Authorization", "Bearer " + tokens.current())
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("calling " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + uri, e);
    }
  }

  // ---- what goes over the wire

  record Response(int status, String contentType, String body) {

    <T> T as(Class<T> type) {
      return JSON.readValue(body, type);
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  record Line(String sku, int quantity) {}

  record Product(String sku, String name, BigDecimal unitPrice, int available, int reserved) {}

  record Account(String customerId, BigDecimal balance) {}

  record Payment(
      UUID paymentId,
      UUID orderId,
      String customerId,
      BigDecimal amount,
      String status,
      String reason) {}

  record Order(
      UUID id,
      String customerId,
      String customerEmail,
      String status,
      String failureReason,
      List<Item> items,
      BigDecimal total,
      String currency) {}

  record Item(String sku, int quantity, BigDecimal unitPrice) {}

  record OrderPage(List<Order> content, PageInfo page) {}

  record PageInfo(int size, int number, long totalElements, int totalPages) {}

  record HistoryEntry(String type, Instant occurredAt, String reason, BigDecimal amount) {}

  record Notification(
      UUID id, UUID orderId, String type, String recipient, String subject, Instant sentAt) {}
}
