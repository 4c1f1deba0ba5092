package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.DeclineReason;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.PaymentDeclined;
import io.github.shopsaga.events.PaymentEvent;
import io.github.shopsaga.events.PaymentRefunded;
import io.github.shopsaga.events.StockReserved;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentSagaIntegrationTests extends IntegrationTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void chargesTheOrderTotalWhenTheBalanceCoversIt() {
    String customer = openAccount("100.00");
    UUID orderId = UUID.randomUUID();

    send(reserved(orderId, customer, "31.00"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(publishedFor(orderId))
                    .singleElement()
                    .isInstanceOfSatisfying(
                        PaymentCharged.class,
                        charged -> {
                          assertThat(charged.customerId()).isEqualTo(customer);
                          assertMoney(charged.amount().amount(), "31.00");
                        }));
    assertMoney(balanceOf(customer), "69.00");
    assertThat(mvc.get().uri("/api/payments?orderId={id}", orderId))
        .hasStatusOk()
        .bodyJson()
        .isLenientlyEqualTo(
            """
            [{"paymentId":"%s","orderId":"%s","customerId":"%s","amount":31.00,
              "status":"CHARGED","reason":null}]
            """
                .formatted(publishedFor(orderId).getFirst().paymentId(), orderId, customer));
    assertThat(mvc.get().uri("/api/accounts/{id}", customer))
        .bodyJson()
        .isStrictlyEqualTo("{\"customerId\":\"%s\",\"balance\":69.00}".formatted(customer));
  }

  @Test
  void declinesForInsufficientFundsAndTakesNothing() {
    String customer = openAccount("20.00");
    UUID orderId = UUID.randomUUID();

    send(reserved(orderId, customer, "20.01"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(publishedFor(orderId))
                    .singleElement()
                    .isInstanceOfSatisfying(
                        PaymentDeclined.class,
                        declined ->
                            assertThat(declined.reason())
                                .isEqualTo(DeclineReason.INSUFFICIENT_FUNDS)));
    assertMoney(balanceOf(customer), "20.00");
    assertThat(mvc.get().uri("/api/payments?orderId={id}", orderId))
        .bodyJson()
        .isLenientlyEqualTo("[{\"status\":\"DECLINED\",\"reason\":\"INSUFFICIENT_FUNDS\"}]");
  }

  @Test
  void chargesTheWholeBalanceWhenTheTotalEqualsIt() {
    String customer = openAccount("20.00");
    UUID orderId = UUID.randomUUID();

    send(reserved(orderId, customer, "20.00"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(publishedFor(orderId))
                    .singleElement()
                    .isInstanceOf(PaymentCharged.class));
    assertMoney(balanceOf(customer), "0.00");
  }

  @Test
  void declinesAnUnknownCustomer() {
    String customer = "unknown-" + UUID.randomUUID();
    UUID orderId = UUID.randomUUID();

    send(reserved(orderId, customer, "5.00"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(publishedFor(orderId))
                    .singleElement()
                    .isInstanceOfSatisfying(
                        PaymentDeclined.class,
                        declined ->
                            assertThat(declined.reason())
                                .isEqualTo(DeclineReason.UNKNOWN_CUSTOMER)));
    assertThat(mvc.get().uri("/api/payments?orderId={id}", orderId))
        .bodyJson()
        .isLenientlyEqualTo("[{\"status\":\"DECLINED\",\"reason\":\"UNKNOWN_CUSTOMER\"}]");
    assertThat(mvc.get().uri("/api/accounts/{id}", customer)).hasStatus(404);
  }

  @Test
  void refundsAChargeExactlyOnceWhenTheOrderIsCancelled() {
    String customer = openAccount("100.00");
    UUID orderId = UUID.randomUUID();
    send(reserved(orderId, customer, "40.00"));
    await().atMost(WAIT).until(() -> !publishedFor(orderId).isEmpty());
    assertMoney(balanceOf(customer), "60.00");

    OrderCancelled cancelled = cancelled(orderId, customer, CancellationReason.CUSTOMER_CANCELLED);
    OrderCancelled cancelledAgain = cancelled(orderId, customer, CancellationReason.TIMED_OUT);
    send(cancelled);
    send(cancelled);
    send(cancelledAgain);

    await().atMost(WAIT).until(() -> settled(orderId, cancelledAgain.eventId()));
    assertThat(publishedFor(orderId))
        .map(PaymentEvent::type)
        .containsExactly("PaymentCharged", "PaymentRefunded");
    PaymentRefunded refunded = (PaymentRefunded) publishedFor(orderId).getLast();
    assertMoney(refunded.amount().amount(), "40.00");
    assertMoney(balanceOf(customer), "100.00");
    assertThat(mvc.get().uri("/api/payments?orderId={id}", orderId))
        .bodyJson()
        .isLenientlyEqualTo("[{\"status\":\"REFUNDED\",\"amount\":40.00}]");
  }

  @Test
  void refundsNothingForADeclinedOrder() {
    String customer = openAccount("1.00");
    UUID orderId = UUID.randomUUID();
    send(reserved(orderId, customer, "40.00"));
    await().atMost(WAIT).until(() -> !publishedFor(orderId).isEmpty());

    OrderCancelled cancelled = cancelled(orderId, customer, CancellationReason.PAYMENT_DECLINED);
    send(cancelled);

    await().atMost(WAIT).until(() -> settled(orderId, cancelled.eventId()));
    assertMoney(balanceOf(customer), "1.00");
    assertThat(publishedFor(orderId)).map(PaymentEvent::type).containsExactly("PaymentDeclined");
    assertThat(mvc.get().uri("/api/payments?orderId={id}", orderId))
        .bodyJson()
        .isLenientlyEqualTo("[{\"status\":\"DECLINED\"}]");
  }

  @Test
  void neverChargesAnOrderCancelledBeforeItsReservation() {
    String customer = openAccount("100.00");
    UUID orderId = UUID.randomUUID();
    OrderCancelled cancelled = cancelled(orderId, customer, CancellationReason.TIMED_OUT);
    StockReserved late = reserved(orderId, customer, "30.00");

    send(cancelled);
    await().atMost(WAIT).until(() -> processed(cancelled.eventId()));
    send(late);
    await().atMost(WAIT).until(() -> settled(orderId, late.eventId()));

    assertMoney(balanceOf(customer), "100.00");
    assertThat(mvc.get().uri("/api/payments?orderId={id}", orderId))
        .bodyJson()
        .isStrictlyEqualTo("[]");
    assertThat(publishedFor(orderId)).isEmpty();
  }

  @Test
  void chargesAnOrderOnceWhateverIsRedelivered() {
    String customer = openAccount("100.00");
    UUID orderId = UUID.randomUUID();
    StockReserved reserved = reserved(orderId, customer, "25.00");
    StockReserved sameOrderOtherEvent = reserved(orderId, customer, "25.00");

    send(reserved);
    send(reserved);
    send(sameOrderOtherEvent);

    await().atMost(WAIT).until(() -> settled(orderId, sameOrderOtherEvent.eventId()));
    assertThat(publishedFor(orderId)).map(PaymentEvent::type).containsExactly("PaymentCharged");
    assertMoney(balanceOf(customer), "75.00");
    assertThat(
            jdbc.sql("select count(*) from payment where order_id = ?")
                .param(orderId)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }
}
