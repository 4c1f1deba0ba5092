package io.github.shopsaga.loadgen;

import io.github.shopsaga.loadgen.Invariants.Notification;
import io.github.shopsaga.loadgen.Invariants.Payment;
import io.github.shopsaga.loadgen.Invariants.StockLevel;
import io.github.shopsaga.loadgen.Plan.Account;
import io.github.shopsaga.loadgen.Plan.Line;
import io.github.shopsaga.loadgen.Plan.OrderSpec;
import io.github.shopsaga.loadgen.Plan.Product;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The suite's HTTP API, as far as the benchmark uses it. One HTTP/1.1 client, virtual threads. */
final class ShopClient implements AutoCloseable {

  /** Base URLs of the four services, and the authorization server's token endpoint. */
  record Urls(
      String orders, String inventory, String payments, String notifications, String tokens) {

    static final Urls LOCAL =
        new Urls(
            "http://localhost:8080",
            "http://localhost:8081",
            "http://localhost:8082",
            "http://localhost:8083",
            "http://localhost:9000/oauth2/token");
  }

  /** The answer to a POST /api/orders: the HTTP status and, when accepted, the order's id. */
  record Placement(int status, String orderId) {

    boolean accepted() {
      return status == 200 || status == 201 || status == 202;
    }
  }

  /** An order as GET /api/orders/{id} shows it. */
  record OrderState(String status, String failureReason, BigDecimal total, Instant updatedAt) {}

  private final Urls urls;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Duration requestTimeout;
  private final AccessToken token;

  /**
   * Bounds the requests in flight (the streams aside), as a proxy's or a client library's
   * connection pool would. Without it an overloaded suite met ever more new connections: past
   * Tomcat's {@code max-connections} and its accept queue the kernel dropped their SYNs, and each
   * such POST waited for TCP's retransmission, 15 to 22 s, instead of queueing here, in plain sight
   * of the latency figures.
   */
  private final Semaphore inFlight;

  ShopClient(Urls urls, Duration requestTimeout, int connections) {
    this.urls = urls;
    this.requestTimeout = requestTimeout;
    this.inFlight = new Semaphore(connections);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    this.token =
        new AccessToken(
            http,
            URI.create(urls.tokens()),
            "shop-cli",
            System.getenv().getOrDefault("SHOP_AUTH_CLI_SECRET", "shop-cli-secret"),
            "shop.act-for-customers shop.staff");
  }

  int createProduct(Product product) throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sku", product.sku());
    body.put("name", product.name());
    body.put("unitPrice", product.unitPrice());
    body.put("stock", product.stock());
    return post(urls.inventory() + "/api/products", body, null).statusCode();
  }

  int createAccount(Account account) throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customerId", account.customerId());
    body.put("balance", account.balance());
    return post(urls.payments() + "/api/accounts", body, null).statusCode();
  }

  Placement placeOrder(OrderSpec order) throws IOException, InterruptedException {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Line line : order.lines()) {
      items.add(Map.of("sku", line.sku(), "quantity", line.quantity()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customerId", order.customerId());
    body.put("customerEmail", order.customerEmail());
    body.put("items", items);
    HttpResponse<byte[]> response =
        post(urls.orders() + "/api/orders", body, order.idempotencyKey());
    Placement placement = new Placement(response.statusCode(), null);
    if (placement.accepted()) {
      return new Placement(
          response.statusCode(), json.readTree(response.body()).get("id").asString());
    }
    return placement;
  }

  /** The order, or null if the service answered something other than 200. */
  OrderState order(String orderId) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = get(urls.orders() + "/api/orders/" + orderId);
    if (response.statusCode() != 200) {
      return null;
    }
    return orderState(json.readTree(response.body()));
  }

  /** A change of an order, as the customer's stream of order changes sends it. */
  record OrderChange(String eventId, String orderId, OrderState state) {}

  /**
   * Follows the outcomes of the customer's orders (server-sent events of {@code GET
   * /api/orders/updates}, asking only for the terminal statuses), handing each to {@code changes},
   * until the stream ends or fails.
   *
   * @param lastEventId the id of the last change seen on an earlier stream, or null
   * @return the id of the last change seen (or {@code lastEventId} if none came)
   */
  String followOrders(String customerId, String lastEventId, Consumer<OrderChange> changes)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    urls.orders()
                        + "/api/orders/updates?customerId="
                        + encode(customerId)
                        + "&status="
                        + String.join(",", Invariants.TERMINAL)))
            .header("Accept", "text/event-stream")
            .header("Authorization", token.bearer())
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("GET /api/orders/updates answered " + response.statusCode());
    }
    String last = lastEventId;
    try (Stream<String> lines = response.body()) {
      String id = null;
      StringBuilder data = new StringBuilder();
      for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            JsonNode order = json.readTree(data.toString());
            changes.accept(new OrderChange(id, order.get("id").asString(), orderState(order)));
            last = id == null ? last : id;
          }
          id = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5));
        }
      }
    }
    return last;
  }

  private static OrderState orderState(JsonNode order) {
    JsonNode total = order.get("total");
    JsonNode updatedAt = order.get("updatedAt");
    return new OrderState(
        order.get("status").asString(),
        text(order.get("failureReason")),
        total == null || total.isNull() ? null : total.decimalValue(),
        updatedAt == null || updatedAt.isNull() ? null : Instant.parse(updatedAt.asString()));
  }

  StockLevel stock(String sku) throws IOException, InterruptedException {
    JsonNode product = getOk(urls.inventory() + "/api/products/" + encode(sku));
    return new StockLevel(product.get("available").asLong(), product.get("reserved").asLong());
  }

  BigDecimal balance(String customerId) throws IOException, InterruptedException {
    return getOk(urls.payments() + "/api/accounts/" + encode(customerId))
        .get("balance")
        .decimalValue();
  }

  List<Payment> payments(String orderId) throws IOException, InterruptedException {
    List<Payment> payments = new ArrayList<>();
    for (JsonNode payment : getOk(urls.payments() + "/api/payments?orderId=" + orderId)) {
      payments.add(
          new Payment(payment.get("status").asString(), payment.get("amount").decimalValue()));
    }
    return payments;
  }

  List<Notification> notifications(String orderId) throws IOException, InterruptedException {
    List<Notification> notifications = new ArrayList<>();
    for (JsonNode notification :
        getOk(urls.notifications() + "/api/notifications?orderId=" + orderId)) {
      JsonNode sentAt = notification.get("sentAt");
      notifications.add(
          new Notification(
              notification.get("type").asString(), sentAt != null && !sentAt.isNull()));
    }
    return notifications;
  }

  /** Whether the service answers its health endpoint with UP. */
  boolean healthy(String baseUrl) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                  .timeout(requestTimeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return response.statusCode() == 200
          && "UP".equals(json.readTree(response.body()).get("status").asString());
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  Urls urls() {
    return urls;
  }

  private JsonNode getOk(String url) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = get(url);
    if (response.statusCode() != 200) {
      throw new IOException("GET %s answered %d".formatted(url, response.statusCode()));
    }
    return json.readTree(response.body());
  }

  private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("Authorization", token.bearer())
            .GET()
            .build();
    return send(request);
  }

  private HttpResponse<byte[]> post(String url, Object body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Authorization", token.bearer())
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request.build());
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    inFlight.acquire();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } finally {
      inFlight.release();
    }
  }

  @Override
  public void close() {
    http.shutdownNow();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
