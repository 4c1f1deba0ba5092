package io.github.shopsaga.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of stand-in instances: two of "orders" (on 127.0.0.1 and 127.0.0.2, one
 * port, the way two containers of one compose service share a port on two addresses) and one of
 * "payments", their names resolved by {@link TestNames}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class GatewayIntegrationTests {

  private static final int ORDERS_PORT = freePort();
  private static final int PAYMENTS_PORT = freePort();
  private static final int GATEWAY_ORDERS_PORT = freePort();
  private static final int GATEWAY_PAYMENTS_PORT = freePort();

  private static final List<Instance> instances = new ArrayList<>();
  private static final Instance first = start("127.0.0.1", ORDERS_PORT);
  private static final Instance second = start("127.0.0.2", ORDERS_PORT);
  private static final Instance payments = start("127.0.0.1", PAYMENTS_PORT);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> GATEWAY_ORDERS_PORT);
    registry.add("management.server.port", () -> 0);
    registry.add("shop.gateway.services.order-service.port", () -> GATEWAY_ORDERS_PORT);
    registry.add(
        "shop.gateway.services.order-service.uri", () -> "http://orders.test:" + ORDERS_PORT);
    registry.add("shop.gateway.services.inventory-service.port", GatewayIntegrationTests::freePort);
    registry.add("shop.gateway.services.payment-service.port", () -> GATEWAY_PAYMENTS_PORT);
    registry.add(
        "shop.gateway.services.payment-service.uri", () -> "http://payments.test:" + PAYMENTS_PORT);
    registry.add(
        "shop.gateway.services.notification-service.port", GatewayIntegrationTests::freePort);
  }

  @BeforeEach
  void bothOrderInstancesRunning() {
    TestNames.resolve("orders.test", "127.0.0.1", "127.0.0.2");
    TestNames.resolve("payments.test", "127.0.0.1");
    instances.forEach(Instance::forget);
  }

  @AfterAll
  static void stopInstances() {
    instances.forEach(instance -> instance.server.stop(0));
  }

  @Test
  void spreadsRequestsOverEveryInstanceOfTheService() throws Exception {
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = get(GATEWAY_ORDERS_PORT, "/api/orders/" + i + "?view=full");
      assertThat(response.statusCode()).isEqualTo(200);
    }

    assertThat(first.paths).hasSize(5);
    assertThat(second.paths).hasSize(5);
    assertThat(first.paths).allMatch(path -> path.matches("/api/orders/\\d\\?view=full"));
    assertThat(first.authorizations).containsOnly("Bearer a-token");
    assertThat(payments.paths).isEmpty();
  }

  @Test
  void sendsEachPortToItsOwnService() throws Exception {
    HttpResponse<String> response = get(GATEWAY_PAYMENTS_PORT, "/api/accounts/alice");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("payments@127.0.0.1 GET /api/accounts/alice");
    assertThat(first.paths).isEmpty();
    assertThat(second.paths).isEmpty();
  }

  @Test
  void sendsARequestThatFindsAnInstanceGoneToTheNextOneWithItsBody() throws Exception {
    Instance stopped = start("127.0.0.3", ORDERS_PORT);
    stopped.server.stop(0);
    TestNames.resolve("orders.test", "127.0.0.1", "127.0.0.3");

    for (int i = 0; i < 6; i++) {
      HttpResponse<String> response =
          client.send(
              request(GATEWAY_ORDERS_PORT, "/api/orders")
                  .header("Idempotency-Key", "key-" + i)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"order\":" + i + "}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).endsWith("POST /api/orders {\"order\":" + i + "}");
    }
    assertThat(first.paths).hasSize(6);
  }

  @Test
  void sendsARequestToTheNextInstanceWhenOneCannotBeReached() throws Exception {
    // 198.51.100.1 (TEST-NET-2, documentation only) answers nobody: the connection times out, or
    // has no route.
    TestNames.resolve("orders.test", "198.51.100.1", "127.0.0.1");

    for (int i = 0; i < 4; i++) {
      assertThat(get(GATEWAY_ORDERS_PORT, "/api/orders/" + i).statusCode()).isEqualTo(200);
    }
    assertThat(first.paths).hasSize(4);
  }

  @Test
  void neverRepeatsARequestThatReachedAnInstance() throws Exception {
    HttpResponse<String> response =
        client.send(
            request(GATEWAY_ORDERS_PORT, "/die")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\":1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(first.paths.size() + second.paths.size()).isEqualTo(1);
  }

  @Test
  void refusesABodyOverTheServicesLimitWithoutSendingIt() throws Exception {
    HttpResponse<String> response =
        client.send(
            request(GATEWAY_ORDERS_PORT, "/api/orders")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1]))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("urn:shop-saga:problem:payload-too-large");
    assertThat(first.paths).isEmpty();
    assertThat(second.paths).isEmpty();
  }

  @Test
  void followsTheInstancesTheNameResolvesTo() throws Exception {
    TestNames.resolve("orders.test", "127.0.0.2");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              instances.forEach(Instance::forget);
              for (int i = 0; i < 4; i++) {
                get(GATEWAY_ORDERS_PORT, "/api/orders/" + i);
              }
              assertThat(first.paths).isEmpty();
              assertThat(second.paths).hasSize(4);
            });
  }

  @Test
  void answersServiceUnavailableWhenNoInstanceRuns() throws Exception {
    TestNames.resolve("orders.test");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(get(GATEWAY_ORDERS_PORT, "/api/orders/1").statusCode()).isEqualTo(503));
  }

  @Test
  void passesAStreamOnAsItsEventsArrive() throws Exception {
    TestNames.resolve("orders.test", "127.0.0.1");
    HttpResponse<java.io.InputStream> response =
        client.send(
            request(GATEWAY_ORDERS_PORT, "/stream").build(),
            HttpResponse.BodyHandlers.ofInputStream());

    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      // The instance sends its second event only once the first has been read here: a gateway that
      // waited for the whole body would pass on nothing.
      assertThat(CompletableFuture.supplyAsync(() -> readLine(events)).get(5, TimeUnit.SECONDS))
          .isEqualTo("data: first");
      first.streamRead.countDown();
      events.readLine();
      assertThat(events.readLine()).isEqualTo("data: second");
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(request(port, path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer a-token")
        .timeout(Duration.ofSeconds(10));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instance start(String address, int port) {
    Instance instance = new Instance(address, port);
    instances.add(instance);
    return instance;
  }

  /**
   * A stand-in instance that answers with its name, the method, the path and the body it received;
   * {@code /stream} sends one event, waits until the test has read it, then sends another; {@code
   * /die} closes the connection without an answer, as an instance killed mid-request.
   */
  private static final class Instance {

    final HttpServer server;
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final CountDownLatch streamRead = new CountDownLatch(1);

    Instance(String address, int port) {
      String name = (port == PAYMENTS_PORT ? "payments@" : "orders@") + address;
      try {
        server = HttpServer.create(new InetSocketAddress(address, port), 50);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      server.createContext("/stream", this::stream);
      server.createContext(
          "/die",
          exchange -> {
            paths.add(exchange.getRequestURI().toString());
            exchange.close();
          });
      server.createContext(
          "/",
          exchange -> {
            paths.add(exchange.getRequestURI().toString());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = new String(exchange.getRequestBody().readAllBytes());
            String answer =
                name
                    + " "
                    + exchange.getRequestMethod()
                    + " "
                    + exchange.getRequestURI()
                    + (body.isEmpty() ? "" : " " + body);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          });
      server.start();
    }

    void forget() {
      paths.clear();
      authorizations.clear();
    }

    private void stream(HttpExchange exchange) throws IOException {
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
          streamRead.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
