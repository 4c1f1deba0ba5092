package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.messaging.EventJson;
import io.github.shopsaga.testsupport.TopicReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An order whose saga is still running at its deadline is cancelled, and stays cancelled. */
class OrderDeadlineIntegrationTests extends IntegrationTestSupport {

  @Autowired JdbcClient jdbc;

  private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(2);

  private static List<String> publishedTypes(UUID orderId) {
    try (var reader = new TopicReader(OrderEvent.TOPIC)) {
      return await()
          .atMost(PATIENCE)
          .until(
              () ->
                  reader.records(orderId).stream()
                      .map(record -> EventJson.read(record.value()).type())
                      .toList(),
              types -> types.contains("OrderCancelled"));
    }
  }

  @Test
  void cancelsAnOrderLeftPendingAsTimedOutAndNeverConfirmsItLater() throws Exception {
    UUID orderId = placeWithDeadline(SAGA_TIMEOUT);

    OrderResponse cancelled = awaitStatus(orderId, OrderStatus.CANCELLED);

    assertThat(cancelled.failureReason()).isEqualTo(FailureReason.TIMED_OUT);
    assertThat(Duration.between(cancelled.createdAt(), cancelled.updatedAt()))
        .isGreaterThanOrEqualTo(SAGA_TIMEOUT);
    OrderCancelled published = awaitPublished(orderId, OrderCancelled.class);
    assertThat(published.reason()).isEqualTo(CancellationReason.TIMED_OUT);
    assertThat(published.total()).isNull();
    assertThat(published.lines())
        .containsExactly(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 1));

    send(stockReserved(orderId));
    send(charged(orderId));

    await()
        .atMost(PATIENCE)
        .until(
            () -> historyTypes(orderId),
            types -> types.contains("StockReserved") && types.contains("PaymentCharged"));
    OrderResponse order = orders.find(orderId, BACK_OFFICE);
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.failureReason()).isEqualTo(FailureReason.TIMED_OUT);
    assertThat(order.total()).isNull();
    assertThat(historyTypes(orderId))
        .containsExactlyInAnyOrder(
            "OrderPlaced", "OrderCancelled", "StockReserved", "PaymentCharged")
        .startsWith("OrderPlaced", "OrderCancelled");
    assertThat(publishedTypes(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
  }

  @Test
  void cancelsAnOrderStillAwaitingPaymentAsTimedOutWithItsTotal() throws Exception {
    UUID orderId = placeWithDeadline(Duration.ofHours(1));
    send(stockReserved(orderId));
    awaitStatus(orderId, OrderStatus.AWAITING_PAYMENT);
    // The deadline passes now, once the order awaits its payment: no race with the reservation.
    jdbc.sql("update orders set deadline = now() where id = ?").param(orderId).update();

    OrderResponse cancelled = awaitStatus(orderId, OrderStatus.CANCELLED);

    assertThat(cancelled.failureReason()).isEqualTo(FailureReason.TIMED_OUT);
    OrderCancelled published = awaitPublished(orderId, OrderCancelled.class);
    assertThat(published.reason()).isEqualTo(CancellationReason.TIMED_OUT);
    assertThat(published.total()).isEqualTo(Money.of("31.00", "EUR"));
    assertThat(published.lines())
        .containsExactly(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 1));
    assertThat(cancelled.total()).isEqualTo(new BigDecimal("31.00"));

    send(charged(orderId));

    await().atMost(PATIENCE).until(() -> historyTypes(orderId).contains("PaymentCharged"));
    assertThat(orders.find(orderId, BACK_OFFICE).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(historyTypes(orderId))
        .containsExactly("OrderPlaced", "StockReserved", "OrderCancelled", "PaymentCharged");
    assertThat(publishedTypes(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
  }
}
