package io.github.shopsaga.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.loadgen.Invariants.Notification;
import io.github.shopsaga.loadgen.Invariants.ObservedOrder;
import io.github.shopsaga.loadgen.Invariants.Payment;
import io.github.shopsaga.loadgen.Invariants.StockLevel;
import io.github.shopsaga.loadgen.Plan.Kind;
import io.github.shopsaga.loadgen.Plan.Line;
import io.github.shopsaga.loadgen.Plan.Mix;
import io.github.shopsaga.loadgen.Plan.OrderSpec;
import io.github.shopsaga.loadgen.Plan.Sizes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InvariantsTests {

  private final Plan plan = Plan.create("r", Mix.DEFAULT, new Sizes(5, 1, 2, 2, 1));

  /** Orders observed as the plan says they must end: the scarce sku's first two win. */
  private List<ObservedOrder> asPlanned(int count) {
    List<ObservedOrder> orders = new ArrayList<>();
    int scarceWon = 0;
    for (int i = 0; i < count; i++) {
      OrderSpec spec = plan.order(i);
      ObservedOrder observed =
          switch (spec.kind()) {
            case REGULAR -> confirmed(spec);
            case SCARCE ->
                scarceWon++ < 2 ? confirmed(spec) : ended(spec, "REJECTED", "OUT_OF_STOCK");
            case DECLINED -> ended(spec, "CANCELLED", "PAYMENT_DECLINED");
          };
      orders.add(observed);
    }
    return orders;
  }

  private ObservedOrder confirmed(OrderSpec spec) {
    return new ObservedOrder(spec, "id" + spec.index(), "CONFIRMED", null, plan.total(spec));
  }

  private static ObservedOrder ended(OrderSpec spec, String status, String reason) {
    return new ObservedOrder(spec, "id" + spec.index(), status, reason, null);
  }

  @Test
  void findsNothingWrongWhenOrdersEndAsPlanned() {
    assertThat(Invariants.checkOutcomes(plan, asPlanned(300))).isEmpty();
  }

  @Test
  void reportsAnOversoldScarceSku() {
    List<ObservedOrder> orders = asPlanned(300);
    int rejected =
        IntStream.range(0, orders.size())
            .filter(i -> "REJECTED".equals(orders.get(i).status()))
            .findFirst()
            .orElseThrow();
    orders.set(rejected, confirmed(orders.get(rejected).spec()));

    assertThat(Invariants.checkOutcomes(plan, orders))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("outcomes Outcomes[confirmed=");
  }

  @Test
  void reportsAnOrderThatIsNotTerminalOrEndedWrongly() {
    List<ObservedOrder> orders = asPlanned(100);
    OrderSpec regular =
        orders.stream()
            .map(ObservedOrder::spec)
            .filter(s -> s.kind() == Kind.REGULAR)
            .findFirst()
            .orElseThrow();
    orders.set(regular.index(), ended(regular, "AWAITING_PAYMENT", null));

    assertThat(Invariants.checkOutcomes(plan, orders))
        .anyMatch(p -> p.contains("ended AWAITING_PAYMENT"));
  }

  @Test
  void expectsStockLessTheConfirmedUnitsOnly() {
    OrderSpec twoUnits =
        new OrderSpec(0, Kind.REGULAR, "r-rich-000", "x@y.z", List.of(new Line("r-P000", 2)));
    OrderSpec rejected =
        new OrderSpec(
            1,
            Kind.SCARCE,
            "r-rich-001",
            "x@y.z",
            List.of(new Line("r-S00", 1), new Line("r-P000", 1)));
    List<ObservedOrder> orders =
        List.of(confirmed(twoUnits), ended(rejected, "REJECTED", "OUT_OF_STOCK"));

    Map<String, Long> expected = Invariants.expectedAvailable(plan, orders);

    assertThat(expected)
        .containsEntry("r-P000", Plan.PLENTIFUL_STOCK - 2L)
        .containsEntry("r-S00", 2L);
  }

  @Test
  void reportsUnitsLeftReservedOrAvailableWrongly() {
    Map<String, Long> expected = Map.of("a", 10L, "b", 5L, "c", 1L);
    Map<String, StockLevel> actual = new HashMap<>();
    actual.put("a", new StockLevel(10, 0));
    actual.put("b", new StockLevel(5, 1));
    actual.put("c", new StockLevel(0, 0));

    assertThat(Invariants.checkStock(expected, actual))
        .containsExactlyInAnyOrder(
            "sku b available 5 reserved 1, expected available 5 reserved 0",
            "sku c available 0 reserved 0, expected available 1 reserved 0");
  }

  @Test
  void expectsBalancesLessTheConfirmedTotalsAtPlanPrices() {
    List<ObservedOrder> orders = asPlanned(200);
    Map<String, BigDecimal> expected = Invariants.expectedBalances(plan, orders);
    BigDecimal spentByFirst =
        orders.stream()
            .filter(o -> o.confirmed() && o.spec().customerId().equals("r-rich-000"))
            .map(o -> plan.total(o.spec()))
            .reduce(BigDecimal.ZERO, BigDecimal::add);

    assertThat(expected.get("r-rich-000"))
        .isEqualByComparingTo(Plan.RICH_BALANCE.subtract(spentByFirst));
    assertThat(expected.get("r-poor-000")).isEqualByComparingTo(Plan.POOR_BALANCE);
    assertThat(
            Invariants.checkBalances(
                expected,
                Map.of(
                    "r-rich-000",
                    expected.get("r-rich-000"),
                    "r-rich-001",
                    expected.get("r-rich-001"),
                    "r-poor-000",
                    new BigDecimal("1.0"))))
        .isEmpty();
    assertThat(Invariants.checkBalances(expected, Map.of("r-rich-000", Plan.RICH_BALANCE)))
        .hasSize(3);
  }

  @Test
  void wantsExactlyOneChargeOfTheTotalPerConfirmedOrderAndNoneForFailedOnes() {
    OrderSpec spec = plan.order(0);
    ObservedOrder ok = confirmed(spec);
    BigDecimal total = plan.total(spec);
    ObservedOrder declined = ended(spec, "CANCELLED", "PAYMENT_DECLINED");

    assertThat(Invariants.checkPayments(ok, total, List.of(new Payment("CHARGED", total))))
        .isEmpty();
    assertThat(
            Invariants.checkPayments(
                ok, total, List.of(new Payment("CHARGED", total), new Payment("CHARGED", total))))
        .hasSize(1);
    assertThat(
            Invariants.checkPayments(
                ok, total, List.of(new Payment("CHARGED", total.add(BigDecimal.ONE)))))
        .hasSize(1);
    assertThat(Invariants.checkPayments(ok, total, List.of())).hasSize(1);
    assertThat(Invariants.checkPayments(declined, total, List.of(new Payment("DECLINED", total))))
        .isEmpty();
    assertThat(Invariants.checkPayments(declined, total, List.of())).isEmpty();
    assertThat(Invariants.checkPayments(declined, total, List.of(new Payment("CHARGED", total))))
        .hasSize(1);
  }

  @Test
  void wantsOneSentNotificationOfTheOutcome() {
    ObservedOrder rejected = ended(plan.order(0), "REJECTED", "OUT_OF_STOCK");

    assertThat(
            Invariants.checkNotifications(
                rejected, List.of(new Notification("ORDER_REJECTED", true))))
        .isEmpty();
    assertThat(
            Invariants.checkNotifications(
                rejected, List.of(new Notification("ORDER_REJECTED", false))))
        .hasSize(1);
    assertThat(
            Invariants.checkNotifications(
                rejected, List.of(new Notification("ORDER_CONFIRMED", true))))
        .hasSize(1);
    assertThat(
            Invariants.checkNotifications(
                rejected,
                List.of(
                    new Notification("ORDER_REJECTED", true),
                    new Notification("ORDER_REJECTED", true))))
        .hasSize(1);
  }
}
