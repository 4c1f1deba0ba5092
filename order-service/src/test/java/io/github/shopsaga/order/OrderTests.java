package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTests {

  private static final Instant PLACED_AT = Instant.parse("2026-11-23T10:00:00.123456789Z");
  private static final Instant LATER = Instant.parse("2026-11-23T10:00:05Z");
  private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
  private static final Instant DEADLINE = Instant.parse("2026-11-23T10:01:00.123456Z");
  private static final List<PricedLine> PRICED =
      List.of(
          new PricedLine("MUG-1", 2, new BigDecimal("12.5")),
          new PricedLine("TEA-7", 1, new BigDecimal("6.00")));
  private static final Money TOTAL = Money.of("31.00", "EUR");

  private static Order placed() {
    return Order.place(
        UUID.randomUUID(),
        "alice",
        "alice@example.com",
        List.of(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 1)),
        "EUR",
        PLACED_AT,
        SAGA_TIMEOUT);
  }

  private static Order awaitingPayment() {
    Order order = placed();
    order.reserve(PRICED, TOTAL, LATER);
    return order;
  }

  private static Order confirmed() {
    Order order = awaitingPayment();
    order.recordPayment(UUID.randomUUID(), LATER);
    return order;
  }

  private static Order cancelled() {
    Order order = placed();
    order.cancel(CancellationReason.CUSTOMER_CANCELLED, LATER);
    return order;
  }

  private static Order rejected() {
    Order order = placed();
    order.reject(RejectionReason.OUT_OF_STOCK, LATER);
    return order;
  }

  @Test
  void startsPendingAndUnpriced() {
    Order order = placed();

    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.failureReason()).isNull();
    assertThat(order.total()).isNull();
    assertThat(order.items()).extracting(OrderItem::unitPrice).containsOnlyNulls();
    assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123456Z"));
  }

  @Test
  void refusesAnOrderWithoutLinesOrWithASkuTwice() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                Order.place(
                    UUID.randomUUID(), "a", "a@b.c", List.of(), "EUR", LATER, SAGA_TIMEOUT));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                Order.place(
                    UUID.randomUUID(),
                    "a",
                    "a@b.c",
                    List.of(new OrderLine("X", 1), new OrderLine("X", 2)),
                    "EUR",
                    LATER,
                    SAGA_TIMEOUT));
  }

  @Test
  void awaitsPaymentPricedWhenStockIsReserved() {
    Order order = placed();

    assertThat(order.reserve(PRICED, TOTAL, LATER)).isEmpty();

    assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    assertThat(order.total()).isEqualByComparingTo("31.00").hasToString("31.00");
    assertThat(order.items())
        .extracting(OrderItem::sku, OrderItem::unitPrice)
        .containsExactly(
            tuple("MUG-1", new BigDecimal("12.50")), tuple("TEA-7", new BigDecimal("6.00")));
    assertThat(order.updatedAt()).isEqualTo(LATER);
  }

  @Test
  void refusesAReservationThatDoesNotMatchItsLines() {
    Order order = placed();

    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> order.reserve(List.of(new PricedLine("MUG-1", 2, BigDecimal.ONE)), TOTAL, LATER));
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
  }

  @Test
  void confirmsWhenPaidAfterReservation() {
    Order order = awaitingPayment();

    assertThat(order.recordPayment(UUID.randomUUID(), LATER))
        .containsInstanceOf(OrderConfirmed.class);

    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(order.isPaid()).isTrue();
  }

  @Test
  void remembersAPaymentThatOvertookTheReservationAndConfirmsOnReservation() {
    Order order = placed();

    assertThat(order.recordPayment(UUID.randomUUID(), LATER)).isEmpty();
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.isPaid()).isTrue();

    assertThat(order.reserve(PRICED, TOTAL, LATER)).containsInstanceOf(OrderConfirmed.class);
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(order.total()).isEqualByComparingTo("31.00");
  }

  @Test
  void ignoresASecondPaymentOrReservation() {
    Order order = confirmed();

    assertThat(order.recordPayment(UUID.randomUUID(), LATER)).isEmpty();
    assertThat(order.reserve(PRICED, TOTAL, LATER)).isEmpty();
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
  }

  @Test
  void isRejectedWhenStockCannotBeReserved() {
    Order order = placed();

    assertThat(order.reject(RejectionReason.UNKNOWN_PRODUCT, LATER))
        .containsInstanceOf(OrderRejected.class);

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.failureReason()).isEqualTo(FailureReason.UNKNOWN_PRODUCT);
  }

  @Test
  void isCancelledWhenPaymentIsDeclined() {
    Order order = awaitingPayment();

    assertThat(order.declinePayment(LATER)).containsInstanceOf(OrderCancelled.class);

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.failureReason()).isEqualTo(FailureReason.PAYMENT_DECLINED);
  }

  @Test
  void isCancelledWhenADeclinedPaymentOvertookTheReservation() {
    Order order = placed();

    assertThat(order.declinePayment(LATER)).containsInstanceOf(OrderCancelled.class);
    assertThat(order.reserve(PRICED, TOTAL, LATER)).isEmpty();

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.failureReason()).isEqualTo(FailureReason.PAYMENT_DECLINED);
    assertThat(order.total()).isNull();
  }

  @Test
  void cancelsPendingAwaitingOrConfirmedOrdersForTheCustomer() {
    for (Order order : List.of(placed(), awaitingPayment(), confirmed())) {
      assertThat(order.isCancellable()).isTrue();

      order.cancel(CancellationReason.CUSTOMER_CANCELLED, LATER);

      assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
      assertThat(order.failureReason()).isEqualTo(FailureReason.CUSTOMER_CANCELLED);
    }
  }

  @Test
  void refusesToCancelAnOrderThatIsOver() {
    for (Order order : List.of(cancelled(), rejected())) {
      OrderStatus before = order.status();
      assertThat(order.isCancellable()).isFalse();

      assertThatIllegalStateException()
          .isThrownBy(() -> order.cancel(CancellationReason.CUSTOMER_CANCELLED, LATER));

      assertThat(order.status()).isEqualTo(before);
    }
  }

  @Test
  void neverConfirmsACancelledOrder() {
    Order cancelledWhileAwaiting = awaitingPayment();
    cancelledWhileAwaiting.cancel(CancellationReason.CUSTOMER_CANCELLED, LATER);
    Order cancelledWhilePending = cancelled();

    assertThat(cancelledWhileAwaiting.recordPayment(UUID.randomUUID(), LATER)).isEmpty();
    assertThat(cancelledWhilePending.reserve(PRICED, TOTAL, LATER)).isEmpty();
    assertThat(cancelledWhilePending.recordPayment(UUID.randomUUID(), LATER)).isEmpty();

    assertThat(cancelledWhileAwaiting.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelledWhilePending.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelledWhilePending.failureReason()).isEqualTo(FailureReason.CUSTOMER_CANCELLED);
  }

  @Test
  void ignoresLateEventsOnceOver() {
    Order rejected = rejected();
    Order confirmed = confirmed();
    Order cancelled = cancelled();

    assertThat(rejected.reserve(PRICED, TOTAL, LATER)).isEmpty();
    assertThat(rejected.recordPayment(UUID.randomUUID(), LATER)).isEmpty();
    assertThat(rejected.declinePayment(LATER)).isEmpty();
    assertThat(confirmed.declinePayment(LATER)).isEmpty();
    assertThat(confirmed.reject(RejectionReason.OUT_OF_STOCK, LATER)).isEmpty();
    assertThat(cancelled.reject(RejectionReason.OUT_OF_STOCK, LATER)).isEmpty();
    assertThat(cancelled.declinePayment(LATER)).isEmpty();

    assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(rejected.failureReason()).isEqualTo(FailureReason.OUT_OF_STOCK);
    assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(confirmed.failureReason()).isNull();
    assertThat(cancelled.failureReason()).isEqualTo(FailureReason.CUSTOMER_CANCELLED);
  }

  @Test
  void mustBeOverOneSagaTimeoutAfterPlacement() {
    assertThat(placed().deadline()).isEqualTo(DEADLINE);
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                Order.place(
                    UUID.randomUUID(),
                    "a",
                    "a@b.c",
                    List.of(new OrderLine("X", 1)),
                    "EUR",
                    LATER,
                    Duration.ZERO));
  }

  @Test
  void doesNotTimeOutBeforeItsDeadline() {
    Order pending = placed();
    Order awaiting = awaitingPayment();

    assertThat(pending.timeOut(DEADLINE.minusNanos(1000))).isEmpty();
    assertThat(awaiting.timeOut(DEADLINE.minusNanos(1000))).isEmpty();

    assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(awaiting.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
  }

  @Test
  void isCancelledAsTimedOutWhenStillPendingAtItsDeadline() {
    Order order = placed();

    assertThat(order.timeOut(DEADLINE)).containsInstanceOf(OrderCancelled.class);

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.failureReason()).isEqualTo(FailureReason.TIMED_OUT);
    assertThat(order.total()).isNull();
    assertThat(order.updatedAt()).isEqualTo(DEADLINE);
    assertThat(order.isCancellable()).isFalse();
  }

  @Test
  void isCancelledAsTimedOutWhenStillAwaitingPaymentAfterItsDeadline() {
    Order order = awaitingPayment();

    assertThat(order.timeOut(DEADLINE.plusSeconds(30))).containsInstanceOf(OrderCancelled.class);

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.failureReason()).isEqualTo(FailureReason.TIMED_OUT);
    assertThat(order.totalMoney()).isEqualTo(TOTAL);
  }

  @Test
  void isCancelledAsTimedOutWhenPaidButNeverReserved() {
    Order order = placed();
    order.recordPayment(UUID.randomUUID(), LATER);

    assertThat(order.timeOut(DEADLINE)).containsInstanceOf(OrderCancelled.class);

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.reserve(PRICED, TOTAL, DEADLINE.plusSeconds(1))).isEmpty();
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void doesNotTimeOutOnceOver() {
    Order confirmed = confirmed();
    Order rejected = rejected();
    Order cancelled = cancelled();
    Order timedOut = placed();
    timedOut.timeOut(DEADLINE);

    for (Order order : List.of(confirmed, rejected, cancelled, timedOut)) {
      Instant updatedAt = order.updatedAt();

      assertThat(order.timeOut(DEADLINE.plusSeconds(3600))).isEmpty();

      assertThat(order.updatedAt()).isEqualTo(updatedAt);
    }
    assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(confirmed.failureReason()).isNull();
    assertThat(rejected.failureReason()).isEqualTo(FailureReason.OUT_OF_STOCK);
    assertThat(cancelled.failureReason()).isEqualTo(FailureReason.CUSTOMER_CANCELLED);
    assertThat(timedOut.failureReason()).isEqualTo(FailureReason.TIMED_OUT);
  }

  @Test
  void neverConfirmsATimedOutOrderWhenItsReservationOrPaymentComesLate() {
    Order timedOutWhilePending = placed();
    timedOutWhilePending.timeOut(DEADLINE);
    Order timedOutWhileAwaiting = awaitingPayment();
    timedOutWhileAwaiting.timeOut(DEADLINE);
    Instant late = DEADLINE.plusSeconds(1);

    assertThat(timedOutWhilePending.reserve(PRICED, TOTAL, late)).isEmpty();
    assertThat(timedOutWhilePending.recordPayment(UUID.randomUUID(), late)).isEmpty();
    assertThat(timedOutWhileAwaiting.recordPayment(UUID.randomUUID(), late)).isEmpty();
    assertThat(timedOutWhileAwaiting.declinePayment(late)).isEmpty();

    for (Order order : List.of(timedOutWhilePending, timedOutWhileAwaiting)) {
      assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
      assertThat(order.failureReason()).isEqualTo(FailureReason.TIMED_OUT);
      assertThat(order.isPaid()).isFalse();
    }
    assertThat(timedOutWhilePending.total()).isNull();
  }
}
