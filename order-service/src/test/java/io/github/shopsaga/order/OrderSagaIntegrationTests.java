package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.DeclineReason;
import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.PaymentDeclined;
import io.github.shopsaga.events.PaymentRefunded;
import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReleased;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.events.Topics;
import io.github.shopsaga.testsupport.TopicReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

class OrderSagaIntegrationTests extends IntegrationTestSupport {

  @Test
  void publishesOrderPlacedKeyedByTheOrderId() throws Exception {
    UUID orderId = placeOrder();

    OrderPlaced placed = awaitPublished(orderId, OrderPlaced.class);

    assertThat(placed.orderId()).isEqualTo(orderId);
    assertThat(placed.customerEmail()).isEqualTo("someone@example.com");
    assertThat(placed.lines())
        .containsExactly(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 1));
    assertThat(historyTypes(orderId)).containsExactly("OrderPlaced");
  }

  @Test
  void confirmsOrderWhenStockIsReservedAndThenPaid() throws Exception {
    UUID orderId = placeOrder();

    send(stockReserved(orderId));
    OrderResponse awaiting = awaitStatus(orderId, OrderStatus.AWAITING_PAYMENT);
    assertThat(awaiting.total()).isEqualTo(new BigDecimal("31.00"));
    assertThat(awaiting.items())
        .extracting(OrderResponse.Item::unitPrice)
        .containsExactly(new BigDecimal("12.50"), new BigDecimal("6.00"));

    send(charged(orderId));
    OrderResponse confirmed = awaitStatus(orderId, OrderStatus.CONFIRMED);

    assertThat(confirmed.failureReason()).isNull();
    assertThat(historyTypes(orderId))
        .containsExactly("OrderPlaced", "StockReserved", "PaymentCharged", "OrderConfirmed");
    OrderConfirmed published = awaitPublished(orderId, OrderConfirmed.class);
    assertThat(published.total()).isEqualTo(Money.of("31.00", "EUR"));
    assertThat(published.lines()).hasSize(2);
  }

  @Test
  void confirmsOrderWhenThePaymentOvertakesTheReservation() throws Exception {
    UUID orderId = placeOrder();

    send(charged(orderId));
    await().atMost(PATIENCE).until(() -> historyTypes(orderId).contains("PaymentCharged"));
    assertThat(orders.find(orderId, BACK_OFFICE).status()).isEqualTo(OrderStatus.PENDING);

    send(stockReserved(orderId));

    OrderResponse confirmed = awaitStatus(orderId, OrderStatus.CONFIRMED);
    assertThat(confirmed.total()).isEqualTo(new BigDecimal("31.00"));
    assertThat(historyTypes(orderId))
        .containsExactly("OrderPlaced", "PaymentCharged", "StockReserved", "OrderConfirmed");
    assertThat(awaitPublished(orderId, OrderConfirmed.class).orderId()).isEqualTo(orderId);
  }

  @Test
  void rejectsOrderWhenStockCannotBeReserved() throws Exception {
    UUID orderId = placeOrder();

    send(
        new StockRejected(
            UUID.randomUUID(),
            orderId,
            Instant.now(),
            RejectionReason.OUT_OF_STOCK,
            List.of("MUG-1")));

    OrderResponse rejected = awaitStatus(orderId, OrderStatus.REJECTED);
    assertThat(rejected.failureReason()).isEqualTo(FailureReason.OUT_OF_STOCK);
    assertThat(rejected.total()).isNull();
    assertThat(orders.history(orderId, BACK_OFFICE))
        .extracting(OrderEventResponse::type, OrderEventResponse::reason)
        .containsExactly(
            tuple("OrderPlaced", null),
            tuple("StockRejected", "OUT_OF_STOCK"),
            tuple("OrderRejected", "OUT_OF_STOCK"));
    assertThat(awaitPublished(orderId, OrderRejected.class).reason())
        .isEqualTo(RejectionReason.OUT_OF_STOCK);
  }

  @Test
  void cancelsOrderWhenThePaymentIsDeclined() throws Exception {
    UUID orderId = placeOrder();
    send(stockReserved(orderId));
    awaitStatus(orderId, OrderStatus.AWAITING_PAYMENT);

    send(
        new PaymentDeclined(
            UUID.randomUUID(),
            orderId,
            Instant.now(),
            UUID.randomUUID(),
            "someone",
            Money.of("31.00", "EUR"),
            DeclineReason.INSUFFICIENT_FUNDS));

    OrderResponse cancelled = awaitStatus(orderId, OrderStatus.CANCELLED);
    assertThat(cancelled.failureReason()).isEqualTo(FailureReason.PAYMENT_DECLINED);
    OrderCancelled published = awaitPublished(orderId, OrderCancelled.class);
    assertThat(published.reason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
    assertThat(published.total()).isEqualTo(Money.of("31.00", "EUR"));
    assertThat(published.lines()).hasSize(2);
    assertThat(historyTypes(orderId))
        .containsExactly("OrderPlaced", "StockReserved", "PaymentDeclined", "OrderCancelled");
  }

  @Test
  void appliesAnEventDeliveredTwiceOnce() throws Exception {
    UUID orderId = placeOrder();
    StockReserved reserved = stockReserved(orderId);

    send(reserved);
    send(reserved);
    // Same topic and key, so consumed after both copies: once it shows, both were handled.
    send(new StockReleased(UUID.randomUUID(), orderId, Instant.now(), List.of()));

    await().atMost(PATIENCE).until(() -> historyTypes(orderId).contains("StockReleased"));
    assertThat(historyTypes(orderId))
        .containsExactly("OrderPlaced", "StockReserved", "StockReleased");
    assertThat(orders.find(orderId, BACK_OFFICE).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
  }

  @Test
  void sendsAPoisonRecordToTheDeadLetterTopicAndGoesOn() throws Exception {
    UUID orderId = placeOrder();

    // Keyed like the next event, so it sits in the same partition, right before it.
    kafka.send(InventoryEvent.TOPIC, orderId.toString(), "not json").join();
    send(
        new StockRejected(
            UUID.randomUUID(),
            orderId,
            Instant.now(),
            RejectionReason.UNKNOWN_PRODUCT,
            List.of("TEA-7")));

    assertThat(awaitStatus(orderId, OrderStatus.REJECTED).failureReason())
        .isEqualTo(FailureReason.UNKNOWN_PRODUCT);
    try (var deadLetters = new TopicReader(Topics.deadLetter(InventoryEvent.TOPIC))) {
      List<ConsumerRecord<String, String>> dead =
          await()
              .atMost(PATIENCE)
              .until(() -> deadLetters.records(orderId), list -> !list.isEmpty());
      assertThat(dead).extracting(ConsumerRecord::value).containsExactly("not json");
    }
  }

  @Test
  void ignoresAnEventForAnUnknownOrderAndGoesOn() throws Exception {
    UUID unknown = UUID.randomUUID();
    UUID orderId = placeOrder();

    send(stockReserved(unknown));
    send(charged(unknown));
    send(stockReserved(orderId));

    awaitStatus(orderId, OrderStatus.AWAITING_PAYMENT);
    MvcTestResult result = mvc.get().uri("/api/orders/{id}", unknown).exchange();
    assertThat(result).hasStatus(HttpStatus.NOT_FOUND);
  }

  @Test
  void cancelsAConfirmedOrderForTheCustomer() throws Exception {
    UUID orderId = placeOrder();
    send(stockReserved(orderId));
    send(charged(orderId));
    awaitStatus(orderId, OrderStatus.CONFIRMED);

    MvcTestResult result = mvc.post().uri("/api/orders/{id}/cancel", orderId).exchange();

    assertThat(result).hasStatus(HttpStatus.ACCEPTED);
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("CANCELLED");
    assertThat(result).bodyJson().extractingPath("$.failureReason").isEqualTo("CUSTOMER_CANCELLED");
    OrderCancelled published = awaitPublished(orderId, OrderCancelled.class);
    assertThat(published.reason()).isEqualTo(CancellationReason.CUSTOMER_CANCELLED);
    assertThat(published.total()).isEqualTo(Money.of("31.00", "EUR"));

    send(new StockReleased(UUID.randomUUID(), orderId, Instant.now(), published.lines()));
    send(
        new PaymentRefunded(
            UUID.randomUUID(),
            orderId,
            Instant.now(),
            UUID.randomUUID(),
            "someone",
            Money.of("31.00", "EUR")));
    await()
        .atMost(PATIENCE)
        .until(
            () -> historyTypes(orderId),
            types -> types.contains("StockReleased") && types.contains("PaymentRefunded"));
    assertThat(orders.find(orderId, BACK_OFFICE).status()).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void neverConfirmsAnOrderCancelledBeforeItWasPaid() throws Exception {
    UUID orderId = placeOrder();

    assertThat(mvc.post().uri("/api/orders/{id}/cancel", orderId).exchange())
        .hasStatus(HttpStatus.ACCEPTED);
    OrderCancelled published = awaitPublished(orderId, OrderCancelled.class);
    assertThat(published.total()).isNull();

    send(stockReserved(orderId));
    send(charged(orderId));

    await()
        .atMost(PATIENCE)
        .until(
            () -> historyTypes(orderId),
            types -> types.contains("StockReserved") && types.contains("PaymentCharged"));
    OrderResponse order = orders.find(orderId, BACK_OFFICE);
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.failureReason()).isEqualTo(FailureReason.CUSTOMER_CANCELLED);
    assertThat(historyTypes(orderId)).doesNotContain("OrderConfirmed");
  }

  @Test
  void refusesToCancelARejectedOrder() throws Exception {
    UUID orderId = placeOrder();
    send(
        new StockRejected(
            UUID.randomUUID(),
            orderId,
            Instant.now(),
            RejectionReason.OUT_OF_STOCK,
            List.of("MUG-1")));
    awaitStatus(orderId, OrderStatus.REJECTED);

    MvcTestResult result = mvc.post().uri("/api/orders/{id}/cancel", orderId).exchange();

    assertThat(result)
        .hasStatus(HttpStatus.CONFLICT)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(orders.find(orderId, BACK_OFFICE).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(historyTypes(orderId)).doesNotContain("OrderCancelled");
  }

  @Test
  void refusesToCancelACancelledOrderAgain() throws Exception {
    UUID orderId = placeOrder();
    assertThat(mvc.post().uri("/api/orders/{id}/cancel", orderId).exchange())
        .hasStatus(HttpStatus.ACCEPTED);

    assertThat(mvc.post().uri("/api/orders/{id}/cancel", orderId).exchange())
        .hasStatus(HttpStatus.CONFLICT);
    assertThat(historyTypes(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
  }

  @Test
  void answersNotFoundWhenCancellingAnUnknownOrder() {
    assertThat(mvc.post().uri("/api/orders/{id}/cancel", UUID.randomUUID()).exchange())
        .hasStatus(HttpStatus.NOT_FOUND);
  }
}
