package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReserved;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What batching could break, at the level where it would break: the events of one poll, handed to
 * the stock operations as the listener hands them, in one transaction.
 */
class StockBatchIntegrationTests extends IntegrationTestSupport {

  @Test
  void reservesTheLastUnitForExactlyOneOfTwoOrdersInOneBatch() {
    String poster = newProduct("250.00", 1);
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    poll(placed(first, new OrderLine(poster, 1)), placed(second, new OrderLine(poster, 1)));

    List<InventoryEvent> firstEvents = awaitEvents(first, 1);
    List<InventoryEvent> secondEvents = awaitEvents(second, 1);
    assertThat(firstEvents).singleElement().isInstanceOf(StockReserved.class);
    assertThat(secondEvents).singleElement().isInstanceOf(StockRejected.class);
    assertThat(product(poster).available()).isZero();
    assertThat(product(poster).reserved()).isEqualTo(1);
  }

  @Test
  void appliesThePlacementAndTheCancellationOfAnOrderInOneBatchInTheirOrder() {
    String mug = newProduct("12.50", 10);
    UUID placedThenCancelled = UUID.randomUUID();
    UUID cancelledThenPlaced = UUID.randomUUID();

    poll(
        placed(placedThenCancelled, new OrderLine(mug, 2)),
        cancelled(placedThenCancelled, new OrderLine(mug, 2)),
        cancelled(cancelledThenPlaced, new OrderLine(mug, 3)),
        placed(cancelledThenPlaced, new OrderLine(mug, 3)));

    assertThat(awaitEvents(placedThenCancelled, 2))
        .extracting(SagaEvent::type)
        .containsExactly("StockReserved", "StockReleased");
    assertThat(reservationStatus(placedThenCancelled)).isEqualTo(Reservation.Status.RELEASED);
    // Cancelled before it was placed: a tombstone, and the late placement reserves nothing.
    assertThat(assertExactlyEvents(cancelledThenPlaced, 0)).isEmpty();
    assertThat(reservationStatus(cancelledThenPlaced)).isEqualTo(Reservation.Status.RELEASED);
    assertThat(product(mug).available()).isEqualTo(10);
    assertThat(product(mug).reserved()).isZero();
  }
}
