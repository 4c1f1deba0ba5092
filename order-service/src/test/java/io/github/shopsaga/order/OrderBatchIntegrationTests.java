package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReserved;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * What batching could break, at the level where it would break: the events of one poll, handed to
 * the saga as the listener hands them, in one transaction.
 */
class OrderBatchIntegrationTests extends IntegrationTestSupport {

  @Test
  void appliesTwoEventsOfOneOrderInOnePollInTheirOrder() throws Exception {
    UUID paidFirst = placeOrder();
    UUID rejectedFirst = placeOrder();
    UUID reservedFirst = placeOrder();

    poll(
        charged(paidFirst),
        stockReserved(paidFirst),
        rejected(rejectedFirst),
        stockReserved(rejectedFirst),
        stockReserved(reservedFirst),
        rejected(reservedFirst));

    assertThat(orders.find(paidFirst, BACK_OFFICE).status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(historyTypes(paidFirst))
        .containsExactlyInAnyOrder(
            "OrderPlaced", "PaymentCharged", "StockReserved", "OrderConfirmed");
    assertThat(orders.find(rejectedFirst, BACK_OFFICE).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(orders.find(reservedFirst, BACK_OFFICE).status())
        .isEqualTo(OrderStatus.AWAITING_PAYMENT);
    assertThat(orders.find(reservedFirst, BACK_OFFICE).total()).isEqualByComparingTo("31.00");
  }

  @Test
  void appliesTheRestOfABatchWithADuplicateAnUnknownOrderAndAPoisonRecord() throws Exception {
    UUID orderId = placeOrder();
    UUID poisoned = placeOrder();
    StockReserved reserved = stockReserved(orderId);
    // A reservation in another currency than the order's: it can never be applied.
    StockReserved poison =
        new StockReserved(
            UUID.randomUUID(),
            poisoned,
            Instant.now(),
            "someone",
            List.of(
                new PricedLine("MUG-1", 2, new BigDecimal("12.50")),
                new PricedLine("TEA-7", 1, new BigDecimal("6.00"))),
            Money.of("31.00", "USD"));
    List<ConsumerRecord<String, SagaEvent>> batch =
        records(reserved, reserved, stockReserved(UUID.randomUUID()), poison, charged(orderId));

    assertThatThrownBy(() -> inbox.process(batch, SagaEvent.class, saga))
        .isInstanceOfSatisfying(
            BatchListenerFailedException.class,
            failure -> assertThat(failure.getRecord()).isSameAs(batch.get(3)));
    // The error handler dead-letters the poison and hands the records after it to the next poll.
    inbox.process(batch.subList(4, batch.size()), SagaEvent.class, saga);

    assertThat(orders.find(orderId, BACK_OFFICE).status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(historyTypes(orderId))
        .containsExactly("OrderPlaced", "StockReserved", "PaymentCharged", "OrderConfirmed");
    assertThat(orders.find(poisoned, BACK_OFFICE).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(historyTypes(poisoned)).containsExactly("OrderPlaced");
  }

  private static StockRejected rejected(UUID orderId) {
    return new StockRejected(
        UUID.randomUUID(), orderId, Instant.now(), RejectionReason.OUT_OF_STOCK, List.of("MUG-1"));
  }
}
