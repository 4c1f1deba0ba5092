package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.events.StockReleased;
import io.github.shopsaga.inventory.Reservation.Status;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReservationTests {

  private final Product mug = new Product("MUG-1", "Mug", new BigDecimal("12.50"), 10);
  private final Product tea = new Product("TEA-7", "Green tea", new BigDecimal("6.00"), 3);
  private final Map<String, Product> catalogue = catalogue(mug, tea);

  private static Map<String, Product> catalogue(Product... products) {
    return Stream.of(products).collect(Collectors.toMap(Product::sku, Function.identity()));
  }

  private Reservation place(OrderLine... lines) {
    return Reservation.place(UUID.randomUUID(), "alice", List.of(lines), catalogue, "EUR");
  }

  @Test
  void reservesEveryLineAndPricesItFromTheCatalogue() {
    Reservation reservation = place(new OrderLine("TEA-7", 1), new OrderLine("MUG-1", 2));

    assertThat(reservation.status()).isEqualTo(Status.RESERVED);
    assertThat(reservation.pricedLines())
        .containsExactly(
            new PricedLine("MUG-1", 2, new BigDecimal("12.50")),
            new PricedLine("TEA-7", 1, new BigDecimal("6.00")));
    assertThat(reservation.total()).isEqualTo(Money.of("31.00", "EUR"));
    assertThat(mug.available()).isEqualTo(8);
    assertThat(mug.reserved()).isEqualTo(2);
    assertThat(tea.available()).isEqualTo(2);
    assertThat(tea.reserved()).isEqualTo(1);
  }

  @Test
  void reservesTheLastUnits() {
    Reservation reservation = place(new OrderLine("TEA-7", 3));

    assertThat(reservation.status()).isEqualTo(Status.RESERVED);
    assertThat(tea.available()).isZero();
    assertThat(tea.reserved()).isEqualTo(3);
  }

  @Test
  void countsLinesOfTheSameSkuTogether() {
    Reservation reservation = place(new OrderLine("TEA-7", 2), new OrderLine("TEA-7", 2));

    assertThat(reservation.status()).isEqualTo(Status.REJECTED);
    assertThat(reservation.rejectionReason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
    assertThat(tea.available()).isEqualTo(3);
  }

  @Test
  void rejectsUnknownProductsListingThemAndHoldingNothing() {
    Reservation reservation =
        place(new OrderLine("MUG-1", 1), new OrderLine("NOPE-2", 1), new OrderLine("NOPE-1", 1));

    assertThat(reservation.status()).isEqualTo(Status.REJECTED);
    assertThat(reservation.rejectionReason()).isEqualTo(RejectionReason.UNKNOWN_PRODUCT);
    assertThat(reservation.rejectedSkus()).containsExactly("NOPE-1", "NOPE-2");
    assertThat(reservation.pricedLines()).isEmpty();
    assertThat(reservation.total()).isNull();
    assertThat(mug.available()).isEqualTo(10);
    assertThat(mug.reserved()).isZero();
  }

  @Test
  void rejectsUnknownProductsBeforeLookingAtStock() {
    Reservation reservation = place(new OrderLine("TEA-7", 99), new OrderLine("NOPE-1", 1));

    assertThat(reservation.rejectionReason()).isEqualTo(RejectionReason.UNKNOWN_PRODUCT);
    assertThat(reservation.rejectedSkus()).containsExactly("NOPE-1");
  }

  @Test
  void rejectsAnOrderWithOneShortLineHoldingNoneOfItsLines() {
    Reservation reservation = place(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 4));

    assertThat(reservation.status()).isEqualTo(Status.REJECTED);
    assertThat(reservation.rejectionReason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
    assertThat(reservation.rejectedSkus()).containsExactly("TEA-7");
    assertThat(mug.available()).isEqualTo(10);
    assertThat(mug.reserved()).isZero();
    assertThat(tea.available()).isEqualTo(3);
    assertThat(tea.reserved()).isZero();
  }

  @Test
  void refusesLinesWithoutAPositiveQuantity() {
    assertThatThrownBy(() -> place(new OrderLine("MUG-1", 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(mug.available()).isEqualTo(10);
  }

  @Test
  void sellsTheReservedUnitsWhenConfirmed() {
    Reservation reservation = place(new OrderLine("MUG-1", 2));

    assertThat(reservation.confirm(catalogue)).isTrue();

    assertThat(reservation.status()).isEqualTo(Status.COMMITTED);
    assertThat(mug.available()).isEqualTo(8);
    assertThat(mug.reserved()).isZero();
  }

  @Test
  void confirmsOnlyOnce() {
    Reservation reservation = place(new OrderLine("MUG-1", 2));
    reservation.confirm(catalogue);

    assertThat(reservation.confirm(catalogue)).isFalse();

    assertThat(mug.available()).isEqualTo(8);
    assertThat(mug.reserved()).isZero();
  }

  @Test
  void givesReservedUnitsBackWhenCancelled() {
    Reservation reservation = place(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 1));

    assertThat(reservation.release(catalogue)).containsInstanceOf(StockReleased.class);

    assertThat(reservation.status()).isEqualTo(Status.RELEASED);
    assertThat(reservation.orderLines())
        .containsExactly(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 1));
    assertThat(mug.available()).isEqualTo(10);
    assertThat(mug.reserved()).isZero();
    assertThat(tea.available()).isEqualTo(3);
    assertThat(tea.reserved()).isZero();
  }

  @Test
  void givesSoldUnitsBackWhenCancelledAfterConfirmation() {
    Reservation reservation = place(new OrderLine("MUG-1", 2));
    reservation.confirm(catalogue);

    assertThat(reservation.release(catalogue)).containsInstanceOf(StockReleased.class);

    assertThat(reservation.status()).isEqualTo(Status.RELEASED);
    assertThat(mug.available()).isEqualTo(10);
    assertThat(mug.reserved()).isZero();
  }

  @Test
  void givesBackOnlyOnce() {
    Reservation reservation = place(new OrderLine("MUG-1", 2));
    reservation.release(catalogue);

    assertThat(reservation.release(catalogue)).isEmpty();
    assertThat(reservation.confirm(catalogue)).isFalse();

    assertThat(mug.available()).isEqualTo(10);
    assertThat(mug.reserved()).isZero();
  }

  @Test
  void givesNothingBackForARejectedOrder() {
    Reservation reservation = place(new OrderLine("TEA-7", 4));

    assertThat(reservation.release(catalogue)).isEmpty();

    assertThat(reservation.status()).isEqualTo(Status.REJECTED);
    assertThat(tea.available()).isEqualTo(3);
  }

  @Test
  void keepsATombstoneOfAnOrderCancelledBeforeItWasPlaced() {
    Reservation tombstone = Reservation.tombstone(UUID.randomUUID(), "alice");

    assertThat(tombstone.status()).isEqualTo(Status.RELEASED);
    assertThat(tombstone.release(catalogue)).isEmpty();
    assertThat(tombstone.confirm(catalogue)).isFalse();
  }

  @Test
  void neverHandsOutMoreThanAProductHolds() {
    assertThatThrownBy(() -> tea.reserve(4)).isInstanceOf(OutOfStockException.class);
    assertThat(tea.available()).isEqualTo(3);
    assertThat(tea.reserved()).isZero();
  }

  @Test
  void raisesAvailableStockOnRestock() {
    tea.restock(7);

    assertThat(tea.available()).isEqualTo(10);
    assertThatThrownBy(() -> tea.restock(Integer.MAX_VALUE))
        .isInstanceOf(ArithmeticException.class);
  }
}
