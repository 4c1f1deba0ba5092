package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.messaging.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** New orders stored a batch per transaction, as concurrent POSTs are. */
class OrderPlacementsIntegrationTests extends IntegrationTestSupport {

  @Autowired OrderPlacements placements;

  @Autowired Outbox outbox;

  @Test
  void storesABatchOfOrdersAndFailsOnlyTheOneThatCannotBeStored() {
    String customer = newCustomer();
    var first = pending(order(customer), null);
    // Longer than the customer id column: the batch's insert fails, and so does this order's own.
    var bad = pending(order("x".repeat(80)), null);
    var last = pending(order(customer), null);

    placements.write(List.of(first, bad, last));

    assertThat(first.outcome())
        .isCompletedWithValueMatching(OrderPlacements.Outcome.Created.class::isInstance);
    assertThat(last.outcome())
        .isCompletedWithValueMatching(OrderPlacements.Outcome.Created.class::isInstance);
    assertThat(bad.outcome()).isCompletedExceptionally();
    assertThat(orders.find(first.order().id(), BACK_OFFICE).status())
        .isEqualTo(OrderStatus.PENDING);
    assertThat(orders.find(last.order().id(), BACK_OFFICE).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(historyTypes(last.order().id())).containsExactly("OrderPlaced");
  }

  @Test
  void placesOneOrderForAnIdempotencyKeyThatComesTwiceInOneBatch() {
    String customer = newCustomer();
    var first = pending(order(customer), "key-1");
    var repeat = pending(order(customer), "key-1");

    placements.write(List.of(first, repeat));

    assertThat(first.outcome())
        .isCompletedWithValueMatching(OrderPlacements.Outcome.Created.class::isInstance);
    assertThat(repeat.outcome().join())
        .isEqualTo(
            new OrderPlacements.Outcome.Replay(
                new IdempotencyKeys.Claim("fingerprint", first.order().id())));
    assertThat(orders.findByCustomer(customer, 0, 10).getTotalElements()).isEqualTo(1);
  }

  @Test
  void answersAKeyUsedInAnEarlierBatchAsAReplayAndStoresTheRestOfItsBatch() {
    String customer = newCustomer();
    var first = pending(order(customer), "key-1");
    placements.write(List.of(first));
    var repeat = pending(order(customer), "key-1");
    var other = pending(order(customer), "key-2");
    var keyless = pending(order(customer), null);

    placements.write(List.of(repeat, other, keyless));

    assertThat(repeat.outcome().join())
        .isEqualTo(
            new OrderPlacements.Outcome.Replay(
                new IdempotencyKeys.Claim("fingerprint", first.order().id())));
    assertThat(other.outcome())
        .isCompletedWithValueMatching(OrderPlacements.Outcome.Created.class::isInstance);
    assertThat(keyless.outcome())
        .isCompletedWithValueMatching(OrderPlacements.Outcome.Created.class::isInstance);
    assertThat(orders.findByCustomer(customer, 0, 10).getTotalElements()).isEqualTo(3);
    assertThat(historyTypes(other.order().id())).containsExactly("OrderPlaced");
  }

  private OrderPlacements.Pending pending(Order order, String key) {
    return OrderPlacements.pending(order, key, "fingerprint", outbox.message(order.placedEvent()));
  }

  private static Order order(String customerId) {
    return Order.place(
        UUID.randomUUID(),
        customerId,
        "someone@example.com",
        List.of(new OrderLine("MUG-1", 1)),
        "EUR",
        Instant.now(),
        Duration.ofSeconds(60));
  }
}
