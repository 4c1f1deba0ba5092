package io.github.shopsaga.loadgen;

import io.github.shopsaga.loadgen.Plan.Line;
import io.github.shopsaga.loadgen.Plan.OrderSpec;
import io.github.shopsaga.loadgen.Plan.Outcomes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of the end-of-run check: what stock, balances, payments and notifications must be,
 * given the outcomes the orders reached. Pure functions; {@link Verifier} fetches the facts.
 */
final class Invariants {

  static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

  /** An order as the suite last reported it; status null when it could not be read at all. */
  record ObservedOrder(
      OrderSpec spec, String id, String status, String failureReason, BigDecimal total) {

    boolean confirmed() {
      return "CONFIRMED".equals(status);
    }

    boolean terminal() {
      return status != null && TERMINAL.contains(status);
    }
  }

  record StockLevel(long available, long reserved) {}

  record Payment(String status, BigDecimal amount) {}

  record Notification(String type, boolean sent) {}

  private Invariants() {}

  static Outcomes observedOutcomes(List<ObservedOrder> orders) {
    long confirmed = 0;
    long rejected = 0;
    long declined = 0;
    for (ObservedOrder order : orders) {
      switch (outcome(order)) {
        case "CONFIRMED" -> confirmed++;
        case "REJECTED/OUT_OF_STOCK" -> rejected++;
        case "CANCELLED/PAYMENT_DECLINED" -> declined++;
        default -> {}
      }
    }
    return new Outcomes(confirmed, rejected, declined);
  }

  /**
   * Every order terminal, with an outcome its kind allows and the price the plan set; and the
   * counts of outcomes exactly those the plan predicts.
   */
  static List<String> checkOutcomes(Plan plan, List<ObservedOrder> orders) {
    List<String> problems = new ArrayList<>();
    for (ObservedOrder order : orders) {
      String outcome = outcome(order);
      boolean allowed =
          switch (order.spec().kind()) {
            case REGULAR -> outcome.equals("CONFIRMED");
            case SCARCE -> outcome.equals("CONFIRMED") || outcome.equals("REJECTED/OUT_OF_STOCK");
            case DECLINED -> outcome.equals("CANCELLED/PAYMENT_DECLINED");
          };
      if (!allowed) {
        problems.add(
            "order %s (%s #%d) ended %s"
                .formatted(order.id(), order.spec().kind(), order.spec().index(), outcome));
      }
      if (order.confirmed() && !sameAmount(order.total(), plan.total(order.spec()))) {
        problems.add(
            "order %s total %s, expected %s"
                .formatted(order.id(), order.total(), plan.total(order.spec())));
      }
    }
    Outcomes expected = plan.expectedOutcomes(orders.stream().map(ObservedOrder::spec).toList());
    Outcomes observed = observedOutcomes(orders);
    if (!expected.equals(observed)) {
      problems.add("outcomes %s, plan expects %s".formatted(observed, expected));
    }
    return problems;
  }

  /** Per sku: the initial stock less the units of the confirmed orders. */
  static Map<String, Long> expectedAvailable(Plan plan, List<ObservedOrder> orders) {
    Map<String, Long> available = new java.util.LinkedHashMap<>();
    plan.initialStock().forEach((sku, stock) -> available.put(sku, (long) stock));
    for (ObservedOrder order : orders) {
      if (order.confirmed()) {
        for (Line line : order.spec().lines()) {
          available.merge(line.sku(), (long) -line.quantity(), Long::sum);
        }
      }
    }
    return available;
  }

  /** Per customer: the initial balance less the totals (at plan prices) of the confirmed orders. */
  static Map<String, BigDecimal> expectedBalances(Plan plan, List<ObservedOrder> orders) {
    Map<String, BigDecimal> balances = new java.util.LinkedHashMap<>(plan.initialBalances());
    for (ObservedOrder order : orders) {
      if (order.confirmed()) {
        balances.merge(
            order.spec().customerId(), plan.total(order.spec()).negate(), BigDecimal::add);
      }
    }
    return balances;
  }

  /** Available as expected and nothing left reserved: no unit oversold, leaked or held. */
  static List<String> checkStock(Map<String, Long> expected, Map<String, StockLevel> actual) {
    List<String> problems = new ArrayList<>();
    expected.forEach(
        (sku, available) -> {
          StockLevel level = actual.get(sku);
          if (level == null) {
            problems.add("sku %s missing".formatted(sku));
          } else if (level.available() != available || level.reserved() != 0) {
            problems.add(
                "sku %s available %d reserved %d, expected available %d reserved 0"
                    .formatted(sku, level.available(), level.reserved(), available));
          }
        });
    return problems;
  }

  static List<String> checkBalances(
      Map<String, BigDecimal> expected, Map<String, BigDecimal> actual) {
    List<String> problems = new ArrayList<>();
    expected.forEach(
        (customer, balance) -> {
          BigDecimal found = actual.get(customer);
          if (found == null) {
            problems.add("account %s missing".formatted(customer));
          } else if (!sameAmount(found, balance)) {
            problems.add(
                "account %s balance %s, expected %s"
                    .formatted(customer, found.toPlainString(), balance.toPlainString()));
          }
        });
    return problems;
  }

  /**
   * A confirmed order has exactly one payment, CHARGED with its total; a failed one has nothing
   * left CHARGED (declined, refunded or no payment at all).
   */
  static List<String> checkPayments(
      ObservedOrder order, BigDecimal expectedTotal, List<Payment> payments) {
    List<String> problems = new ArrayList<>();
    long charged = payments.stream().filter(p -> p.status().equals("CHARGED")).count();
    if (order.confirmed()) {
      if (payments.size() != 1 || charged != 1) {
        problems.add("confirmed order %s has payments %s".formatted(order.id(), payments));
      } else if (!sameAmount(payments.getFirst().amount(), expectedTotal)) {
        problems.add(
            "confirmed order %s charged %s, expected %s"
                .formatted(order.id(), payments.getFirst().amount(), expectedTotal));
      }
    } else if (charged != 0 || payments.size() > 1) {
      problems.add("%s order %s has payments %s".formatted(order.status(), order.id(), payments));
    }
    return problems;
  }

  /** Exactly one notification, of the outcome's type, and really sent. */
  static List<String> checkNotifications(ObservedOrder order, List<Notification> notifications) {
    String expectedType = "ORDER_" + order.status();
    if (notifications.size() == 1
        && notifications.getFirst().type().equals(expectedType)
        && notifications.getFirst().sent()) {
      return List.of();
    }
    return List.of(
        "%s order %s has notifications %s, expected one sent %s"
            .formatted(order.status(), order.id(), notifications, expectedType));
  }

  private static String outcome(ObservedOrder order) {
    return switch (order.status()) {
      case "CONFIRMED" -> "CONFIRMED";
      case "REJECTED", "CANCELLED" -> order.status() + "/" + order.failureReason();
      case null -> "UNKNOWN";
      default -> order.status();
    };
  }

  private static boolean sameAmount(BigDecimal a, BigDecimal b) {
    return a != null && b != null && a.compareTo(b) == 0;
  }
}
