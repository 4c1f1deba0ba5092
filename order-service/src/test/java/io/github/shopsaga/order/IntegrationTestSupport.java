package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.EventJson;
import io.github.shopsaga.messaging.Inbox;
import io.github.shopsaga.messaging.Outbox;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import io.github.shopsaga.testsupport.SagaTopics;
import io.github.shopsaga.testsupport.TopicReader;
import io.github.shopsaga.web.Caller;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The one configuration of every integration test of order-service, so the context cache starts the
 * application once. Tests share the database and topics: each uses its own customer and order ids.
 *
 * <p>The saga deadline is an hour, so no test's order times out while the test moves it along,
 * however slow the machine: a test that wants to see a deadline pass stores its order with a
 * deadline of its own ({@link #placeWithDeadline}). The sweep runs often, so that it is quick.
 */
@SpringBootTest(properties = {"shop.orders.saga-timeout=1h", "shop.orders.sweep-interval=250ms"})
@AutoConfigureMockMvc
@Import(InfrastructureContainers.class)
abstract class IntegrationTestSupport {

  /** The back office, as MockMvc requests carry it by default (test-support's Tokens). */
  static final Caller BACK_OFFICE =
      new Caller("shop-cli", Set.of(Caller.ACT_FOR_CUSTOMERS, Caller.STAFF));

  static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired MockMvcTester mvc;

  @Autowired KafkaTemplate<Object, Object> kafka;

  @Autowired OrderService orders;

  @Autowired OrderPlacements placements;

  @Autowired Outbox outbox;

  @Autowired Inbox inbox;

  @Autowired OrderSaga saga;

  private long offset;

  /**
   * Hands the events to the saga as one poll, in this thread and in one transaction, as the
   * listener would.
   */
  void poll(SagaEvent... events) {
    inbox.process(records(events), SagaEvent.class, saga);
  }

  /** The events as the records of one poll, keyed by order id, at increasing offsets. */
  List<ConsumerRecord<String, SagaEvent>> records(SagaEvent... events) {
    List<ConsumerRecord<String, SagaEvent>> records = new ArrayList<>();
    for (SagaEvent event : events) {
      records.add(
          new ConsumerRecord<>(event.topic(), 0, offset++, event.orderId().toString(), event));
    }
    return records;
  }

  static String newCustomer() {
    return "customer-" + UUID.randomUUID();
  }

  static String orderJson(String customerId) {
    return """
        {"customerId":"%s","customerEmail":"someone@example.com",
         "items":[{"sku":"MUG-1","quantity":2},{"sku":"TEA-7","quantity":1}]}
        """
        .formatted(customerId);
  }

  /** Places an order over HTTP and returns its id. */
  /**
   * Stores a new order for MUG-1 ×2 and TEA-7 ×1, as a POST would, but with this saga deadline;
   * returns its id.
   */
  UUID placeWithDeadline(Duration sagaTimeout) {
    Order order =
        Order.place(
            UUID.randomUUID(),
            newCustomer(),
            "someone@example.com",
            List.of(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 1)),
            "EUR",
            Instant.now(),
            sagaTimeout);
    placements.write(
        List.of(
            OrderPlacements.pending(
                order, null, "fingerprint", outbox.message(order.placedEvent()))));
    return order.id();
  }

  UUID placeOrder() throws Exception {
    MvcTestResult result = post(orderJson(newCustomer()), null);
    assertThat(result).hasStatus(HttpStatus.ACCEPTED);
    return idOf(result);
  }

  MvcTestResult post(String body, String idempotencyKey) {
    var request = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return request.content(body).exchange();
  }

  static UUID idOf(MvcTestResult result) throws Exception {
    return UUID.fromString(JsonPath.read(result.getResponse().getContentAsString(), "$.id"));
  }

  void send(SagaEvent event) {
    SagaTopics.send(kafka, event);
  }

  List<String> historyTypes(UUID orderId) {
    return orders.history(orderId, BACK_OFFICE).stream().map(OrderEventResponse::type).toList();
  }

  OrderResponse awaitStatus(UUID orderId, OrderStatus status) {
    return await()
        .atMost(PATIENCE)
        .until(() -> orders.find(orderId, BACK_OFFICE), order -> order.status() == status);
  }

  /** Waits for the first event of the type that order-service published for the order. */
  static <E extends OrderEvent> E awaitPublished(UUID orderId, Class<E> type) {
    try (var reader = new TopicReader(OrderEvent.TOPIC)) {
      return await()
          .atMost(PATIENCE)
          .until(
              () ->
                  reader.records(orderId).stream()
                      .map(record -> EventJson.read(record.value()))
                      .filter(type::isInstance)
                      .map(type::cast)
                      .findFirst(),
              Optional::isPresent)
          .orElseThrow();
    }
  }

  static PaymentCharged charged(UUID orderId) {
    return new PaymentCharged(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        UUID.randomUUID(),
        "someone",
        Money.of("31.00", "EUR"));
  }

  static StockReserved stockReserved(UUID orderId) {
    return new StockReserved(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        "someone",
        List.of(
            new PricedLine("MUG-1", 2, new BigDecimal("12.50")),
            new PricedLine("TEA-7", 1, new BigDecimal("6.00"))),
        Money.of("31.00", "EUR"));
  }
}
