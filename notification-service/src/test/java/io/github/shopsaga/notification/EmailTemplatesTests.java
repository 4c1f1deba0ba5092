package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailTemplatesTests {

  private static final UUID ORDER_ID = UUID.fromString("019af3c2-7d41-7a3e-9c5b-2f8e4d6a1b37");
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
  private static final List<OrderLine> LINES =
      List.of(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 1));

  @Test
  void confirmationNamesOrderLinesWithPricesAndTotal() {
    var event =
        new OrderConfirmed(
            UUID.randomUUID(),
            ORDER_ID,
            AT,
            "alice",
            "alice@example.com",
            List.of(
                new PricedLine("MUG-1", 2, new BigDecimal("12.50")),
                new PricedLine("TEA-7", 1, new BigDecimal("6"))),
            Money.of("31.00", "EUR"));

    Email email = EmailTemplates.confirmed(event);

    assertThat(email.subject()).isEqualTo("Your order 4d6a1b37 is confirmed");
    assertThat(email.body())
        .contains("order 019af3c2-7d41-7a3e-9c5b-2f8e4d6a1b37")
        .contains("paid and confirmed")
        .contains("  MUG-1 × 2 @ 12.50 EUR\n  TEA-7 × 1 @ 6.00 EUR\n")
        .contains("Total: 31.00 EUR");
  }

  @ParameterizedTest
  @CsvSource({
    "OUT_OF_STOCK, one or more items are out of stock",
    "UNKNOWN_PRODUCT, one or more items are not in our catalogue"
  })
  void rejectionGivesTheReasonInWordsAndSaysNothingWasCharged(
      RejectionReason reason, String words) {
    var event =
        new OrderRejected(
            UUID.randomUUID(), ORDER_ID, AT, "alice", "alice@example.com", LINES, reason);

    Email email = EmailTemplates.rejected(event);

    assertThat(email.subject()).isEqualTo("Your order 4d6a1b37 could not be accepted");
    assertThat(email.body())
        .contains(
            "order 019af3c2-7d41-7a3e-9c5b-2f8e4d6a1b37 could not be accepted because " + words)
        .contains("  MUG-1 × 2\n  TEA-7 × 1\n")
        .contains("Nothing was charged")
        .doesNotContain(reason.name());
  }

  @ParameterizedTest
  @CsvSource({
    "PAYMENT_DECLINED, the payment was declined, Nothing was charged",
    "CUSTOMER_CANCELLED, you cancelled it, refunded in full",
    "TIMED_OUT, we could not complete it in time, refunded in full"
  })
  void cancellationGivesTheReasonInWordsAndWhatHappensToTheMoney(
      CancellationReason reason, String words, String money) {
    var event =
        new OrderCancelled(
            UUID.randomUUID(),
            ORDER_ID,
            AT,
            "alice",
            "alice@example.com",
            LINES,
            Money.of("31.00", "EUR"),
            reason);

    Email email = EmailTemplates.cancelled(event);

    assertThat(email.subject()).isEqualTo("Your order 4d6a1b37 was cancelled");
    assertThat(email.body())
        .contains("order 019af3c2-7d41-7a3e-9c5b-2f8e4d6a1b37 was cancelled because " + words)
        .contains("  MUG-1 × 2\n  TEA-7 × 1\n")
        .contains("Total: 31.00 EUR")
        .contains(money)
        .contains("released")
        .doesNotContain(reason.name());
  }

  @Test
  void cancellationBeforePricingLeavesOutTheTotal() {
    var event =
        new OrderCancelled(
            UUID.randomUUID(),
            ORDER_ID,
            AT,
            "alice",
            "alice@example.com",
            LINES,
            null,
            CancellationReason.TIMED_OUT);

    Email email = EmailTemplates.cancelled(event);

    assertThat(email.body()).contains("  MUG-1 × 2").doesNotContain("Total").doesNotContain("null");
  }
}
