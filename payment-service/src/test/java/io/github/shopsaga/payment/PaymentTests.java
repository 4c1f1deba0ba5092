package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.shopsaga.events.DeclineReason;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.PaymentDeclined;
import io.github.shopsaga.events.PaymentRefunded;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentTests {

  private static final UUID ORDER = UUID.randomUUID();
  private static final Money TOTAL = Money.of("31.00", "EUR");
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123456Z");

  @Test
  void chargesWhenTheTotalWasTaken() {
    Payment payment = Payment.settle(ORDER, "alice", TOTAL, Debit.TAKEN, NOW);

    assertThat(payment.status()).isEqualTo(PaymentStatus.CHARGED);
    assertThat(payment.reason()).isNull();
    assertThat(payment.money()).isEqualTo(TOTAL);
    assertThat(payment.announcement(NOW))
        .isInstanceOfSatisfying(
            PaymentCharged.class,
            charged -> {
              assertThat(charged.orderId()).isEqualTo(ORDER);
              assertThat(charged.paymentId()).isEqualTo(payment.getId());
              assertThat(charged.customerId()).isEqualTo("alice");
              assertThat(charged.amount()).isEqualTo(TOTAL);
            });
  }

  @Test
  void declinesForInsufficientFundsWhenTheBalanceIsTooLow() {
    Payment payment = Payment.settle(ORDER, "bob", TOTAL, Debit.BALANCE_TOO_LOW, NOW);

    assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(payment.reason()).isEqualTo(DeclineReason.INSUFFICIENT_FUNDS);
    assertThat(payment.announcement(NOW))
        .isInstanceOfSatisfying(
            PaymentDeclined.class,
            declined -> {
              assertThat(declined.reason()).isEqualTo(DeclineReason.INSUFFICIENT_FUNDS);
              assertThat(declined.amount()).isEqualTo(TOTAL);
            });
  }

  @Test
  void declinesAnUnknownCustomer() {
    Payment payment = Payment.settle(ORDER, "nobody", TOTAL, Debit.NO_ACCOUNT, NOW);

    assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(payment.reason()).isEqualTo(DeclineReason.UNKNOWN_CUSTOMER);
    assertThat(((PaymentDeclined) payment.announcement(NOW)).reason())
        .isEqualTo(DeclineReason.UNKNOWN_CUSTOMER);
  }

  @Test
  void refundsAChargeExactlyOnce() {
    Payment payment = Payment.settle(ORDER, "alice", TOTAL, Debit.TAKEN, NOW);
    Instant later = NOW.plusSeconds(60);

    assertThat(payment.refund(later)).isTrue();
    assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(payment.updatedAt()).isEqualTo(later);
    assertThat(payment.createdAt()).isEqualTo(NOW);
    assertThat(payment.announcement(later))
        .isInstanceOfSatisfying(
            PaymentRefunded.class, refunded -> assertThat(refunded.amount()).isEqualTo(TOTAL));

    assertThat(payment.refund(later.plusSeconds(1))).isFalse();
    assertThat(payment.updatedAt()).isEqualTo(later);
  }

  @Test
  void refundsNothingForADeclinedPayment() {
    Payment payment = Payment.settle(ORDER, "bob", TOTAL, Debit.BALANCE_TOO_LOW, NOW);

    assertThat(payment.refund(NOW.plusSeconds(60))).isFalse();
    assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
  }

  @Test
  void refusesANonPositiveAmount() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Payment.settle(ORDER, "alice", Money.zero("EUR"), Debit.TAKEN, NOW));
  }

  @Test
  void keepsTimestampsAtTheDatabasePrecision() {
    Payment payment =
        Payment.settle(
            ORDER, "alice", TOTAL, Debit.TAKEN, Instant.parse("2026-11-23T10:15:30.123456789Z"));

    assertThat(payment.createdAt()).isEqualTo(NOW);
  }

  @Test
  void givesEveryAnnouncementItsOwnEventId() {
    Payment payment = Payment.settle(ORDER, "alice", TOTAL, Debit.TAKEN, NOW);

    assertThat(payment.announcement(NOW).eventId())
        .isNotEqualTo(payment.announcement(NOW).eventId());
  }
}
