package io.github.shopsaga.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The storefront's backend against a stand-in for the services: what the relay passes on, the token
 * it adds, and what it answers itself.
 */
@SpringBootTest(
    properties = {"shop.storefront.public-url=http://localhost", "shop.storefront.stream-wait=1s"})
@AutoConfigureMockMvc
class StorefrontIntegrationTests {

  private static final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private static final HttpServer services = servicesStandIn();

  @Autowired MockMvc mvc;
  @Autowired ClientRegistrationRepository registrations;
  @Autowired OAuth2AuthorizedClientRepository authorizedClients;

  /** What the stand-in received. */
  record Received(String method, String uri, Map<String, List<String>> headers, String body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    String address = "http://localhost:" + services.getAddress().getPort();
    registry.add("shop.storefront.order-service", () -> address);
    registry.add("shop.storefront.inventory-service", () -> address);
    registry.add("shop.storefront.notification-service", () -> address);
    registry.add("shop.storefront.payment-service", () -> "http://localhost:" + closedPort());
  }

  @AfterAll
  static void stopStandIn() {
    services.stop(0);
  }

  @BeforeEach
  void forgetWhatWasReceived() {
    received.clear();
  }

  @Test
  void relaysACallOfASignedInCustomerWithTheirToken() throws Exception {
    MockHttpSession session = signedIn("erin", "token-of-erin", Duration.ofMinutes(10));

    mvc.perform(
            get("/api/orders")
                .queryParam("customerId", "erin")
                .session(session)
                .with(authentication(person(session))))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.relayed").value(true));

    Received call = received.poll();
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.uri()).isEqualTo("/api/orders?customerId=erin");
    assertThat(call.header("Authorization")).isEqualTo("Bearer token-of-erin");
  }

  @Test
  void relaysAnOrderWithItsBodyAndIdempotencyKeyAndPassesBackTheAnswer() throws Exception {
    MockHttpSession session = signedIn("erin", "token-of-erin", Duration.ofMinutes(10));
    String order = "{\"customerId\":\"erin\",\"items\":[{\"sku\":\"MUG-1\",\"quantity\":1}]}";

    mvc.perform(
            post("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "click-1")
                .content(order)
                .session(session)
                .with(authentication(person(session)))
                .with(csrf()))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/orders/42"));

    Received call = received.poll();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.body()).isEqualTo(order);
    assertThat(call.header("Idempotency-Key")).isEqualTo("click-1");
    assertThat(call.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void readsTheCatalogueForAnyoneWithoutAToken() throws Exception {
    mvc.perform(get("/api/products")).andExpect(status().isOk());

    assertThat(received.poll().header("Authorization")).isNull();
  }

  @Test
  void asksForASignInBeforeAnythingElseAndCallsNoService() throws Exception {
    mvc.perform(get("/api/orders").queryParam("customerId", "erin"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Sign-in required"));

    assertThat(received).isEmpty();
  }

  @Test
  void asksForASignInAgainWhenTheTokenHasExpired() throws Exception {
    MockHttpSession session = signedIn("erin", "old-token", Duration.ofSeconds(-5));

    mvc.perform(get("/api/orders/7").session(session).with(authentication(person(session))))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.title").value("Sign-in required"));

    assertThat(received).isEmpty();
  }

  @Test
  void refusesAChangeWithoutTheCsrfToken() throws Exception {
    MockHttpSession session = signedIn("erin", "token-of-erin", Duration.ofMinutes(10));

    mvc.perform(post("/api/orders/7/cancel").session(session).with(authentication(person(session))))
        .andExpect(status().isForbidden());

    assertThat(received).isEmpty();
  }

  @Test
  void saysSoWhenAServiceCannotBeReached() throws Exception {
    MockHttpSession session = signedIn("erin", "token-of-erin", Duration.ofMinutes(10));

    mvc.perform(get("/api/accounts/erin").session(session).with(authentication(person(session))))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.title").value("Service Unavailable"));
  }

  @Test
  void asksTheBrowserToReconnectItsStreamWhileOrderServiceIsAway() throws Exception {
    MockHttpSession session = signedIn("erin", "token-of-erin", Duration.ofMinutes(10));

    // The stand-in answers the stream 503, as a service that is starting, past the stream's wait.
    mvc.perform(
            get("/api/orders/updates")
                .queryParam("customerId", "erin")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .session(session)
                .with(authentication(person(session))))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("retry: 1000\n")));
  }

  @Test
  void knowsNoApiBeyondTheServices() throws Exception {
    MockHttpSession session = signedIn("erin", "token-of-erin", Duration.ofMinutes(10));

    mvc.perform(get("/api/secrets").session(session).with(authentication(person(session))))
        .andExpect(status().isNotFound());

    assertThat(received).isEmpty();
  }

  @Test
  void sendsAPageAskedForUnderAnotherHostNameToThePublicAddress() throws Exception {
    mvc.perform(get("http://127.0.0.1:8090/orders.html").queryParam("x", "1"))
        .andExpect(status().isFound())
        .andExpect(header().string("Location", "http://localhost/orders.html?x=1"));
  }

  @Test
  void signsOutHereAndSendsThePageToSignOutAtTheAuthorizationServer() throws Exception {
    MockHttpSession session = signedIn("erin", "token-of-erin", Duration.ofMinutes(10));

    mvc.perform(
            post("/sign-out").session(session).with(authentication(person(session))).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.next")
                .value(
                    "http://localhost:9000/connect/logout?id_token_hint=id-token"
                        + "&post_logout_redirect_uri=http://localhost/"));

    assertThat(session.isInvalid()).isTrue();
  }

  @Test
  void servesThePagesWithAPolicyThatRunsTheirOwnScriptsOnly() throws Exception {
    mvc.perform(get("/index.html"))
        .andExpect(status().isOk())
        .andExpect(
            header()
                .string(
                    "Content-Security-Policy",
                    org.hamcrest.Matchers.startsWith("default-src 'self'; object-src 'none'")))
        .andExpect(header().string("X-Frame-Options", "DENY"));
  }

  @Test
  void tellsThePagesWhoIsSignedIn() throws Exception {
    MockHttpSession session = signedIn("erin", "token-of-erin", Duration.ofMinutes(10));

    mvc.perform(get("/session").session(session).with(authentication(person(session))))
        .andExpect(jsonPath("$.signedIn").value(true))
        .andExpect(jsonPath("$.customerId").value("erin"))
        .andExpect(jsonPath("$.staff").value(false));
    mvc.perform(get("/session")).andExpect(jsonPath("$.signedIn").value(false));
  }

  @Test
  void givesStaffTheStateOfTheShopFromTheServicesOwnEndpoints() throws Exception {
    MockHttpSession session = signedIn("staff", "token-of-staff", Duration.ofMinutes(10));

    mvc.perform(get("/ops/overview").session(session).with(authentication(person(session))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.services[0].name").value("order-service"))
        .andExpect(jsonPath("$.services[0].health").value("UP"))
        .andExpect(jsonPath("$.services[0].outboxBacklog").value(4.0))
        .andExpect(jsonPath("$.services[0].consumerLag").value(12.0))
        .andExpect(jsonPath("$.services[2].name").value("payment-service"))
        .andExpect(jsonPath("$.services[2].health").value("UNREACHABLE"))
        .andExpect(jsonPath("$.ordersByStatus.CONFIRMED").value(7.0))
        .andExpect(jsonPath("$.ordersByStatus.PENDING").value(2.0))
        .andExpect(jsonPath("$.sagasCompleted.count").value(10.0))
        .andExpect(jsonPath("$.sagasCompleted.seconds").value(1.2))
        .andExpect(jsonPath("$.deadLetters[0].topic").value("order-events-dlt"))
        .andExpect(jsonPath("$.deadLetters[0].count").value(1))
        .andExpect(jsonPath("$.deadLetters[0].newest[0].key").value("poison-1"));

    assertThat(received)
        .filteredOn(call -> call.uri().equals("/actuator/prometheus"))
        .allSatisfy(
            call -> assertThat(call.header("Authorization")).isEqualTo("Bearer token-of-staff"));
  }

  @Test
  void keepsTheStateOfTheShopFromCustomersAndStrangers() throws Exception {
    MockHttpSession session = signedIn("erin", "token-of-erin", Duration.ofMinutes(10));

    mvc.perform(get("/ops/overview").session(session).with(authentication(person(session))))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.title").value("Forbidden"));
    mvc.perform(get("/ops/overview"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.title").value("Sign-in required"));
    assertThat(received).isEmpty();
  }

  // ---- a signed-in customer, as the sign-in leaves them: a token in their session

  private final Map<MockHttpSession, OAuth2AuthenticationToken> people = new java.util.HashMap<>();

  /** Signs a person in: {@code staff} as staff, anyone else as a customer. */
  private MockHttpSession signedIn(String customer, String token, Duration validFor) {
    Instant now = Instant.now();
    var user =
        new DefaultOidcUser(
            Set.of(
                new SimpleGrantedAuthority(
                    customer.equals("staff") ? "SCOPE_shop.staff" : "SCOPE_shop.customer")),
            new OidcIdToken(
                "id-token", now, now.plusSeconds(600), Map.of("sub", customer, "iss", "test")));
    String role = customer.equals("staff") ? "staff" : "customer";
    var person = new OAuth2AuthenticationToken(user, user.getAuthorities(), role);
    var registration = registrations.findByRegistrationId(role);
    var client =
        new OAuth2AuthorizedClient(
            registration,
            customer,
            new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER,
                token,
                now.minusSeconds(600),
                now.plus(validFor)));
    MockHttpSession session = new MockHttpSession();
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setSession(session);
    authorizedClients.saveAuthorizedClient(client, person, request, new MockHttpServletResponse());
    people.put(session, person);
    return session;
  }

  private OAuth2AuthenticationToken person(MockHttpSession session) {
    return people.get(session);
  }

  // ---- the services' stand-in

  private static HttpServer servicesStandIn() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
      server.createContext("/", StorefrontIntegrationTests::answer);
      server.start();
      return server;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            Map.copyOf(exchange.getRequestHeaders()),
            new String(body, StandardCharsets.UTF_8)));
    String path = exchange.getRequestURI().getPath();
    String actuator = ACTUATOR.get(path);
    if (actuator != null) {
      byte[] answer = actuator.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
      return;
    }
    int status =
        path.equals("/api/orders/updates")
            ? 503
            : "POST".equals(exchange.getRequestMethod()) ? 202 : 200;

    if (status == 202) {
      exchange.getResponseHeaders().add("Location", "/api/orders/42");
    }
    byte[] answer = "{\"relayed\":true}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  /** What the stand-in's actuator answers, as a service's would (abridged). */
  private static final Map<String, String> ACTUATOR =
      Map.of(
          "/actuator/health",
          "{\"status\":\"UP\"}",
          "/actuator/prometheus",
          """
          # HELP shop_orders Orders by status
          # TYPE shop_orders gauge
          shop_orders{application="order-service",status="PENDING"} 2.0
          shop_orders{application="order-service",status="CONFIRMED"} 7.0
          shop_saga_duration_seconds_count{application="order-service",status="CONFIRMED"} 7
          shop_saga_duration_seconds_sum{application="order-service",status="CONFIRMED"} 0.7
          shop_saga_duration_seconds_count{application="order-service",status="CANCELLED"} 3
          shop_saga_duration_seconds_sum{application="order-service",status="CANCELLED"} 0.5
          shop_outbox_backlog{application="order-service"} 4.0
          kafka_consumer_fetch_manager_records_lag_max{client_id="a",topic="x"} 12.0
          kafka_consumer_fetch_manager_records_lag_max{client_id="b",topic="y"} NaN
          """,
          "/actuator/deadletters/order-events",
          """
          {"topic":"order-events-dlt","count":1,"newest":[{"partition":0,"offset":5,\
          "key":"poison-1","originalTopic":"order-events","exception":"BadRecord"}]}""",
          "/actuator/deadletters/inventory-events",
          "{\"topic\":\"inventory-events-dlt\",\"count\":0,\"newest\":[]}",
          "/actuator/deadletters/payment-events",
          "{\"topic\":\"payment-events-dlt\",\"count\":0,\"newest\":[]}");

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
