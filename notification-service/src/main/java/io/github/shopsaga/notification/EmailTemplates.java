package io.github.shopsaga.notification;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.events.TimeOrderedIds;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The words of every e-mail the shop sends, in one place. */
final class EmailTemplates {

  private static final String CONFIRMED =
      """
      Hello,

      thank you for your order %s. It is paid and confirmed.

      %s
      Total: %s

      We will let you know when it ships.

      Shop Saga
      """;

  private static final String REJECTED =
      """
      Hello,

      we are sorry: your order %s could not be accepted because %s.

      %s
      Nothing was charged. You are welcome to order again.

      Shop Saga
      """;

  private static final String CANCELLED =
      """
      Hello,

      your order %s was cancelled because %s.

      %s
      %s%s

      Shop Saga
      """;

  private EmailTemplates() {}

  static Email confirmed(OrderConfirmed event) {
    String currency = event.total().currency();
    return new Email(
        "Your order %s is confirmed".formatted(shortId(event.orderId())),
        CONFIRMED.formatted(event.orderId(), pricedLines(event.lines(), currency), event.total()));
  }

  static Email rejected(OrderRejected event) {
    return new Email(
        "Your order %s could not be accepted".formatted(shortId(event.orderId())),
        REJECTED.formatted(event.orderId(), inWords(event.reason()), lines(event.lines())));
  }

  static Email cancelled(OrderCancelled event) {
    return new Email(
        "Your order %s was cancelled".formatted(shortId(event.orderId())),
        CANCELLED.formatted(
            event.orderId(),
            inWords(event.reason()),
            lines(event.lines()),
            total(event.total()),
            whatHappensToYourMoney(event.reason())));
  }

  static String inWords(RejectionReason reason) {
    return switch (reason) {
      case OUT_OF_STOCK -> "one or more items are out of stock";
      case UNKNOWN_PRODUCT -> "one or more items are not in our catalogue";
    };
  }

  static String inWords(CancellationReason reason) {
    return switch (reason) {
      case PAYMENT_DECLINED -> "the payment was declined";
      case CUSTOMER_CANCELLED -> "you cancelled it";
      case TIMED_OUT -> "we could not complete it in time";
    };
  }

  private static String whatHappensToYourMoney(CancellationReason reason) {
    return switch (reason) {
      case PAYMENT_DECLINED -> "Nothing was charged, and the items we had set aside are released.";
      case CUSTOMER_CANCELLED, TIMED_OUT ->
          "Any amount charged for it is refunded in full, and the items we had set aside are"
              + " released.";
    };
  }

  /** The last block of the order id: enough for a subject line, the body names it in full. */
  private static String shortId(UUID orderId) {
    return TimeOrderedIds.shortForm(orderId);
  }

  private static String pricedLines(List<PricedLine> lines, String currency) {
    return lines.stream()
        .map(
            line ->
                "  %s × %d @ %s %s\n"
                    .formatted(
                        line.sku(),
                        line.quantity(),
                        line.unitPrice().setScale(2, RoundingMode.HALF_UP).toPlainString(),
                        currency))
        .collect(Collectors.joining());
  }

  private static String lines(List<OrderLine> lines) {
    return lines.stream()
        .map(line -> "  %s × %d\n".formatted(line.sku(), line.quantity()))
        .collect(Collectors.joining());
  }

  private static String total(Money total) {
    return total == null ? "" : "Total: %s\n".formatted(total);
  }
}
