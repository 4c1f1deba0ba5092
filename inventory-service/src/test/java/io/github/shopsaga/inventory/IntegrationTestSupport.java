package io.github.shopsaga.inventory;

import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.EventJson;
import io.github.shopsaga.messaging.Inbox;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import io.github.shopsaga.testsupport.SagaTopics;
import io.github.shopsaga.testsupport.TestIssuer;
import io.github.shopsaga.testsupport.TopicReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The one application context of the integration tests (same annotations everywhere, so it starts
 * once), on the shared PostgreSQL and Kafka containers. Tests use their own skus and order ids.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "shop.inventory.demo-data=false")
@Import(InfrastructureContainers.class)
abstract class IntegrationTestSupport {

  @LocalServerPort int port;

  /**
   * A client of the service over real HTTP that hands every answer back (no exception for 4xx),
   * with this Authorization header on each request (none when null).
   */
  RestClient http(String authorization) {
    RestClient.Builder builder =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(HttpStatusCode::isError, (_, _) -> {});
    if (authorization != null) {
      builder.defaultHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
    return builder.build();
  }

  /** Tokens come from a test issuer: the tests call the service over real HTTP. */
  @DynamicPropertySource
  static void testIssuer(DynamicPropertyRegistry registry) {
    TestIssuer.register(registry);
  }

  @Autowired KafkaTemplate<Object, Object> kafka;
  @Autowired ProductRepository products;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;
  @Autowired StockReservations stock;

  private long offset;

  /**
   * Hands the events to the stock operations as one poll, in this thread and in one transaction, as
   * the listener would.
   */
  void poll(OrderEvent... events) {
    List<ConsumerRecord<String, SagaEvent>> records = new ArrayList<>();
    for (OrderEvent event : events) {
      records.add(
          new ConsumerRecord<>(event.topic(), 0, offset++, event.orderId().toString(), event));
    }
    inbox.process(records, OrderEvent.class, stock);
  }

  TopicReader inventoryEvents;

  @BeforeEach
  void recordInventoryEvents() {
    inventoryEvents = new TopicReader(InventoryEvent.TOPIC);
  }

  @AfterEach
  void closeRecorder() {
    inventoryEvents.close();
  }

  /** The inventory events about this order seen so far, in the order they were published. */
  List<InventoryEvent> inventoryEvents(UUID orderId) {
    return inventoryEvents.values(orderId).stream()
        .map(json -> (InventoryEvent) EventJson.read(json))
        .toList();
  }

  /** A new product with a sku no other test uses. */
  String newProduct(String unitPrice, int stock) {
    String sku = "T-" + UUID.randomUUID();
    jdbc.sql(
            "insert into product (sku, name, unit_price, available, reserved)"
                + " values (?, 'Test product', ?, ?, 0)")
        .params(sku, new BigDecimal(unitPrice), stock)
        .update();
    return sku;
  }

  Reservation.Status reservationStatus(UUID orderId) {
    return Reservation.Status.valueOf(
        jdbc.sql("select status from reservation where order_id = ?")
            .param(orderId)
            .query(String.class)
            .single());
  }

  Product product(String sku) {
    return products.findById(sku).orElseThrow();
  }

  OrderPlaced placed(UUID orderId, OrderLine... lines) {
    return new OrderPlaced(
        UUID.randomUUID(), orderId, Instant.now(), "alice", "alice@example.com", List.of(lines));
  }

  OrderConfirmed confirmed(StockReserved reserved) {
    return new OrderConfirmed(
        UUID.randomUUID(),
        reserved.orderId(),
        Instant.now(),
        "alice",
        "alice@example.com",
        reserved.lines(),
        reserved.total());
  }

  OrderCancelled cancelled(UUID orderId, OrderLine... lines) {
    return new OrderCancelled(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        "alice",
        "alice@example.com",
        List.of(lines),
        null,
        CancellationReason.CUSTOMER_CANCELLED);
  }

  void send(OrderEvent event) {
    SagaTopics.send(kafka, event);
  }

  /** Waits until the service has applied (or skipped as a duplicate) this event. */
  void awaitProcessed(OrderEvent event) {
    SagaTopics.awaitProcessed(jdbc, event);
  }

  /** Checks for a while that the service published exactly this many events about the order. */
  List<InventoryEvent> assertExactlyEvents(UUID orderId, int count) {
    awaitEvents(orderId, count);
    return await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .pollInSameThread()
        .until(() -> inventoryEvents(orderId), events -> events.size() == count);
  }

  /** Waits until the service published this many events about the order, and returns them. */
  List<InventoryEvent> awaitEvents(UUID orderId, int count) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInSameThread()
        .until(() -> inventoryEvents(orderId), events -> events.size() >= count);
  }
}
