package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReleased;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.inventory.Reservation.Status;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReservationIntegrationTests extends IntegrationTestSupport {

  private StockReserved reserve(UUID orderId, OrderLine... lines) {
    send(placed(orderId, lines));
    return (StockReserved) awaitEvents(orderId, 1).getFirst();
  }

  @Test
  void reservesAndPricesAnOrderFromTheCatalogueWhenItIsPlaced() {
    String mug = newProduct("12.50", 10);
    String tea = newProduct("6.00", 5);
    UUID orderId = UUID.randomUUID();

    send(placed(orderId, new OrderLine(mug, 2), new OrderLine(tea, 1)));

    InventoryEvent event = awaitEvents(orderId, 1).getFirst();
    assertThat(event).isInstanceOf(StockReserved.class);
    var reserved = (StockReserved) event;
    assertThat(reserved.customerId()).isEqualTo("alice");
    assertThat(reserved.lines())
        .containsExactlyInAnyOrder(
            new PricedLine(mug, 2, new BigDecimal("12.50")),
            new PricedLine(tea, 1, new BigDecimal("6.00")));
    assertThat(reserved.total()).isEqualTo(Money.of("31.00", "EUR"));
    assertThat(product(mug).available()).isEqualTo(8);
    assertThat(product(mug).reserved()).isEqualTo(2);
    assertThat(product(tea).available()).isEqualTo(4);
    assertThat(product(tea).reserved()).isEqualTo(1);
    assertThat(reservationStatus(orderId)).isEqualTo(Status.RESERVED);
  }

  @Test
  void rejectsAnOrderForAnUnknownProductHoldingNothing() {
    String mug = newProduct("12.50", 10);
    String unknown = "NOPE-" + UUID.randomUUID();
    UUID orderId = UUID.randomUUID();

    send(placed(orderId, new OrderLine(mug, 1), new OrderLine(unknown, 1)));

    InventoryEvent event = awaitEvents(orderId, 1).getFirst();
    assertThat(event)
        .isInstanceOfSatisfying(
            StockRejected.class,
            rejected -> {
              assertThat(rejected.reason()).isEqualTo(RejectionReason.UNKNOWN_PRODUCT);
              assertThat(rejected.skus()).containsExactly(unknown);
            });
    assertThat(product(mug).available()).isEqualTo(10);
    assertThat(product(mug).reserved()).isZero();
  }

  @Test
  void rejectsAnOrderWithOneShortLineHoldingNoneOfItsLines() {
    String plenty = newProduct("1.00", 100);
    String scarce = newProduct("2.00", 1);
    UUID orderId = UUID.randomUUID();

    send(placed(orderId, new OrderLine(plenty, 5), new OrderLine(scarce, 2)));

    InventoryEvent event = awaitEvents(orderId, 1).getFirst();
    assertThat(event)
        .isInstanceOfSatisfying(
            StockRejected.class,
            rejected -> {
              assertThat(rejected.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
              assertThat(rejected.skus()).containsExactly(scarce);
            });
    assertThat(product(plenty).available()).isEqualTo(100);
    assertThat(product(plenty).reserved()).isZero();
    assertThat(product(scarce).available()).isEqualTo(1);
    assertThat(product(scarce).reserved()).isZero();
  }

  @Test
  void sellsTheReservedUnitsWhenTheOrderIsConfirmed() {
    String mug = newProduct("12.50", 10);
    UUID orderId = UUID.randomUUID();
    StockReserved reserved = reserve(orderId, new OrderLine(mug, 3));

    var confirmation = confirmed(reserved);
    send(confirmation);
    awaitProcessed(confirmation);

    assertThat(product(mug).available()).isEqualTo(7);
    assertThat(product(mug).reserved()).isZero();
    assertThat(reservationStatus(orderId)).isEqualTo(Status.COMMITTED);
  }

  @Test
  void givesReservedStockBackExactlyOnceWhenTheCancelIsDeliveredTwice() {
    String mug = newProduct("12.50", 10);
    UUID orderId = UUID.randomUUID();
    reserve(orderId, new OrderLine(mug, 3));

    OrderCancelled cancel = cancelled(orderId, new OrderLine(mug, 3));
    send(cancel);
    send(cancel);
    OrderCancelled cancelAgain = cancelled(orderId, new OrderLine(mug, 3));
    send(cancelAgain);
    awaitProcessed(cancelAgain);

    List<InventoryEvent> events = assertExactlyEvents(orderId, 2);
    assertThat(events.get(1))
        .isEqualTo(
            new StockReleased(
                events.get(1).eventId(),
                orderId,
                events.get(1).occurredAt(),
                List.of(new OrderLine(mug, 3))));
    assertThat(product(mug).available()).isEqualTo(10);
    assertThat(product(mug).reserved()).isZero();
  }

  @Test
  void givesSoldStockBackWhenAConfirmedOrderIsCancelled() {
    String mug = newProduct("12.50", 10);
    UUID orderId = UUID.randomUUID();
    StockReserved reserved = reserve(orderId, new OrderLine(mug, 4));
    send(confirmed(reserved));

    OrderCancelled cancel = cancelled(orderId, new OrderLine(mug, 4));
    send(cancel);
    send(cancel);

    List<InventoryEvent> events = assertExactlyEvents(orderId, 2);
    assertThat(events.get(1)).isInstanceOf(StockReleased.class);
    assertThat(product(mug).available()).isEqualTo(10);
    assertThat(product(mug).reserved()).isZero();
  }

  @Test
  void reservesAnOrderOnceHoweverOftenItIsPlaced() {
    String mug = newProduct("12.50", 10);
    UUID orderId = UUID.randomUUID();
    OrderPlaced placed = placed(orderId, new OrderLine(mug, 3));

    send(placed);
    send(placed);
    // The same order announced again under a new event id (a republished event).
    OrderPlaced again = placed(orderId, new OrderLine(mug, 3));
    send(again);
    awaitProcessed(again);

    List<InventoryEvent> events = assertExactlyEvents(orderId, 1);
    assertThat(events.getFirst()).isInstanceOf(StockReserved.class);
    assertThat(product(mug).available()).isEqualTo(7);
    assertThat(product(mug).reserved()).isEqualTo(3);
  }

  @Test
  void neverReservesAnOrderThatWasCancelledBeforeItWasPlaced() {
    String mug = newProduct("12.50", 10);
    UUID orderId = UUID.randomUUID();

    send(cancelled(orderId, new OrderLine(mug, 2)));
    OrderPlaced late = placed(orderId, new OrderLine(mug, 2));
    send(late);
    awaitProcessed(late);

    assertThat(inventoryEvents(orderId)).isEmpty();
    assertThat(product(mug).available()).isEqualTo(10);
    assertThat(product(mug).reserved()).isZero();
    assertThat(reservationStatus(orderId)).isEqualTo(Status.RELEASED);
  }
}
