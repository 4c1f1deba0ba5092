package io.github.shopsaga.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations view's data, for staff: each service's health, orders by status, the sagas
 * completed so far and their time, each service's outbox backlog and consumer lag, and the
 * dead-letter topics with their newest records. Read at each request from the services' own
 * actuator endpoints (health, Prometheus meters, dead letters) with the staff member's token, all
 * at once; a service that does not answer in time is shown as such, not waited for.
 */
@RestController
class OperationsController {

  /** The saga topics, whose dead-letter topics the view lists. */
  static final List<String> TOPICS = List.of("order-events", "inventory-events", "payment-events");

  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final int NEWEST_DEAD_LETTERS = 10;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, URI> services;
  private final SignedInTokens tokens;
  private final HttpClient http;

  OperationsController(StorefrontSettings settings, SignedInTokens tokens, HttpClient http) {
    this.services = new LinkedHashMap<>();
    services.put("order-service", settings.orderService());
    services.put("inventory-service", settings.inventoryService());
    services.put("payment-service", settings.paymentService());
    services.put("notification-service", settings.notificationService());
    this.tokens = tokens;
    this.http = http;
  }

  /**
   * What the view shows.
   *
   * @param at when the services were read
   * @param services each service's state, in the saga's order
   * @param ordersByStatus order-service's count of orders in each status
   * @param sagasCompleted sagas that reached an outcome since order-service started, and their
   *     summed time from placement (a rate and a mean come from two readings)
   * @param deadLetters each saga topic's dead-letter topic
   */
  record Overview(
      Instant at,
      List<ServiceState> services,
      Map<String, Double> ordersByStatus,
      @Nullable SagaTotals sagasCompleted,
      List<DeadLetterTopic> deadLetters) {}

  /**
   * @param health {@code UP}, {@code DOWN} (or another status the service reports), or {@code
   *     UNREACHABLE}
   * @param outboxBacklog events recorded and not yet acknowledged by the broker
   * @param consumerLag the largest lag of its consumers' partitions, in records
   */
  record ServiceState(
      String name, String health, @Nullable Double outboxBacklog, @Nullable Double consumerLag) {}

  record SagaTotals(double count, double seconds) {}

  /** A dead-letter topic: how many records it holds and the newest, as the services list them. */
  record DeadLetterTopic(String topic, @Nullable Long count, List<JsonNode> newest) {}

  @GetMapping("/ops/overview")
  @Nullable Overview overview(
      OAuth2AuthenticationToken staff, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String token = tokens.of(staff, request);
    if (token == null) {
      SecurityConfiguration.signInRequired(response);
      return null;
    }
    Map<String, CompletableFuture<@Nullable String>> health = new LinkedHashMap<>();
    Map<String, CompletableFuture<@Nullable String>> meters = new LinkedHashMap<>();
    services.forEach(
        (name, address) -> {
          health.put(name, get(address.resolve("/actuator/health"), null));
          meters.put(name, get(address.resolve("/actuator/prometheus"), token));
        });
    // Any service lists every topic's dead letters: ask order-service, the entry point.
    Map<String, CompletableFuture<@Nullable String>> deadLetters = new LinkedHashMap<>();
    for (String topic : TOPICS) {
      deadLetters.put(
          topic,
          get(
              services
                  .get("order-service")
                  .resolve("/actuator/deadletters/" + topic + "?limit=" + NEWEST_DEAD_LETTERS),
              token));
    }

    List<ServiceState> states = new ArrayList<>();
    Map<String, Double> ordersByStatus = Map.of();
    SagaTotals sagas = null;
    for (String name : services.keySet()) {
      PrometheusText meter = parsed(meters.get(name).join());
      states.add(
          new ServiceState(
              name,
              healthOf(health.get(name).join()),
              meter == null ? null : boxed(meter.sum("shop_outbox_backlog")),
              meter == null
                  ? null
                  : boxed(meter.max("kafka_consumer_fetch_manager_records_lag_max"))));
      if (name.equals("order-service") && meter != null) {
        ordersByStatus = meter.byLabel("shop_orders", "status");
        Map<String, Double> counts = meter.byLabel("shop_saga_duration_seconds_count", "status");
        Map<String, Double> seconds = meter.byLabel("shop_saga_duration_seconds_sum", "status");
        sagas =
            new SagaTotals(
                counts.values().stream().mapToDouble(Double::doubleValue).sum(),
                seconds.values().stream().mapToDouble(Double::doubleValue).sum());
      }
    }
    List<DeadLetterTopic> topics = new ArrayList<>();
    deadLetters.forEach((topic, listing) -> topics.add(deadLetterTopic(topic, listing.join())));
    return new Overview(Instant.now(), states, ordersByStatus, sagas, topics);
  }

  /** The body of a 200 answer, or null for anything else, within the timeout. */
  private CompletableFuture<@Nullable String> get(URI uri, @Nullable String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .<@Nullable String>thenApply(
            response -> response.statusCode() == HttpStatus.OK.value() ? response.body() : null)
        .exceptionally(failure -> null);
  }

  private static String healthOf(@Nullable String body) {
    if (body == null) {
      return "UNREACHABLE";
    }
    try {
      return JSON.readTree(body).path("status").asString("UNKNOWN");
    } catch (RuntimeException e) {
      return "UNKNOWN";
    }
  }

  private static @Nullable PrometheusText parsed(@Nullable String body) {
    return body == null ? null : PrometheusText.parse(body);
  }

  private static DeadLetterTopic deadLetterTopic(String topic, @Nullable String body) {
    if (body == null) {
      return new DeadLetterTopic(topic + "-dlt", null, List.of());
    }
    JsonNode listing = JSON.readTree(body);
    List<JsonNode> newest = new ArrayList<>();
    listing.path("newest").forEach(newest::add);
    return new DeadLetterTopic(
        listing.path("topic").asString(topic + "-dlt"), listing.path("count").asLong(), newest);
  }

  private static @Nullable Double boxed(java.util.OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }
}
