package io.github.shopsaga.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One fixed example of every event, matching the JSON fixtures under {@code events/}. */
public final class EventSamples {

  static final UUID ORDER_ID = UUID.fromString("6f1c2a7e-3b9d-4c11-9e8f-2a4b5c6d7e80");
  static final UUID PAYMENT_ID = UUID.fromString("0b7e2d4c-5a61-4f38-8c9d-1e2f3a4b5c6d");
  static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");
  static final Money TOTAL = Money.of("31.00", "EUR");
  static final List<OrderLine> LINES =
      List.of(new OrderLine("MUG-1", 2), new OrderLine("TEA-7", 1));
  static final List<PricedLine> PRICED =
      List.of(
          new PricedLine("MUG-1", 2, new BigDecimal("12.50")),
          new PricedLine("TEA-7", 1, new BigDecimal("6.00")));

  private EventSamples() {}

  private static UUID id(int n) {
    return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
  }

  /** Every event of the catalogue, keyed by its logical type name. */
  public static Map<String, SagaEvent> all() {
    return Map.ofEntries(
        sample(new OrderPlaced(id(1), ORDER_ID, AT, "alice", "alice@example.com", LINES)),
        sample(
            new OrderConfirmed(id(2), ORDER_ID, AT, "alice", "alice@example.com", PRICED, TOTAL)),
        sample(
            new OrderRejected(
                id(3),
                ORDER_ID,
                AT,
                "alice",
                "alice@example.com",
                LINES,
                RejectionReason.OUT_OF_STOCK)),
        sample(
            new OrderCancelled(
                id(4),
                ORDER_ID,
                AT,
                "alice",
                "alice@example.com",
                LINES,
                TOTAL,
                CancellationReason.CUSTOMER_CANCELLED)),
        sample(new StockReserved(id(5), ORDER_ID, AT, "alice", PRICED, TOTAL)),
        sample(
            new StockRejected(
                id(6), ORDER_ID, AT, RejectionReason.UNKNOWN_PRODUCT, List.of("NOPE-1"))),
        sample(new StockReleased(id(7), ORDER_ID, AT, LINES)),
        sample(new PaymentCharged(id(8), ORDER_ID, AT, PAYMENT_ID, "alice", TOTAL)),
        sample(
            new PaymentDeclined(
                id(9), ORDER_ID, AT, PAYMENT_ID, "alice", TOTAL, DeclineReason.INSUFFICIENT_FUNDS)),
        sample(new PaymentRefunded(id(10), ORDER_ID, AT, PAYMENT_ID, "alice", TOTAL)));
  }

  private static Map.Entry<String, SagaEvent> sample(SagaEvent event) {
    return Map.entry(event.type(), event);
  }
}
