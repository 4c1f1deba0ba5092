package io.github.shopsaga.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.loadgen.Plan.Kind;
import io.github.shopsaga.loadgen.Plan.Line;
import io.github.shopsaga.loadgen.Plan.Mix;
import io.github.shopsaga.loadgen.Plan.OrderSpec;
import io.github.shopsaga.loadgen.Plan.Outcomes;
import io.github.shopsaga.loadgen.Plan.Sizes;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanTests {

  private final Plan plan = Plan.create("run1", Mix.DEFAULT, Sizes.DEFAULT);

  private List<OrderSpec> orders(int count) {
    return IntStream.range(0, count).mapToObj(plan::order).toList();
  }

  @Test
  void followsTheMixExactlyInEveryHundredOrders() {
    Map<Kind, Long> kinds =
        orders(1_000).stream()
            .collect(Collectors.groupingBy(OrderSpec::kind, Collectors.counting()));

    assertThat(kinds)
        .containsEntry(Kind.REGULAR, 800L)
        .containsEntry(Kind.SCARCE, 100L)
        .containsEntry(Kind.DECLINED, 100L);
  }

  @Test
  void expectsTheScarceStockToBeSoldOnceAndEveryOtherScarceOrderRejected() {
    // 4 scarce skus with 5 units each: 20 of the 100 scarce orders win, 80 are out of stock.
    assertThat(plan.expectedOutcomes(orders(1_000))).isEqualTo(new Outcomes(820, 80, 100));
    assertThat(plan.expectedOutcomes(orders(24_000)))
        .isEqualTo(new Outcomes(19_200 + 20, 2_400 - 20, 2_400));
  }

  @Test
  void expectsExactCountsForAnyPrefixOfTheOrders() {
    List<OrderSpec> firstTen = orders(10);
    long scarce = firstTen.stream().filter(o -> o.kind() == Kind.SCARCE).count();
    Map<String, Long> perSku =
        firstTen.stream()
            .filter(o -> o.kind() == Kind.SCARCE)
            .collect(Collectors.groupingBy(o -> o.lines().getFirst().sku(), Collectors.counting()));
    long rejected = perSku.values().stream().mapToLong(n -> Math.max(0, n - 5)).sum();

    Outcomes expected = plan.expectedOutcomes(firstTen);

    assertThat(expected.total()).isEqualTo(10);
    assertThat(expected.rejectedOutOfStock()).isEqualTo(rejected);
    assertThat(expected.confirmed())
        .isEqualTo(
            firstTen.stream().filter(o -> o.kind() == Kind.REGULAR).count() + scarce - rejected);
  }

  @Test
  void givesTheSameOrderForTheSameIndex() {
    Plan again = Plan.create("run1", Mix.DEFAULT, Sizes.DEFAULT);

    assertThat(IntStream.range(0, 500).mapToObj(again::order))
        .containsExactlyElementsOf(orders(500));
  }

  @Test
  void ordersOnlySeededSkusNeverTwiceInOneOrder() {
    Map<String, Plan.Product> products =
        plan.products().stream().collect(Collectors.toMap(Plan.Product::sku, Function.identity()));

    for (OrderSpec order : orders(2_000)) {
      List<String> skus = order.lines().stream().map(Line::sku).toList();
      assertThat(skus).doesNotHaveDuplicates();
      assertThat(products.keySet()).containsAll(skus);
      assertThat(order.lines()).allMatch(l -> l.quantity() >= 1 && l.quantity() <= 1_000);
      assertThat(order.customerId()).startsWith("run1-");
    }
  }

  @Test
  void letsDeclinedCustomersAffordNothingAndRichOnesEverything() {
    for (OrderSpec order : orders(2_000)) {
      if (order.kind() == Kind.DECLINED) {
        assertThat(plan.total(order)).isGreaterThan(Plan.POOR_BALANCE);
      } else {
        assertThat(order.customerId()).contains("-rich-");
      }
    }
  }

  @Test
  void pricesAnOrderAtTheSeededPrices() {
    OrderSpec order =
        orders(50).stream().filter(o -> o.lines().size() > 1).findFirst().orElseThrow();

    assertThat(plan.total(order))
        .isEqualByComparingTo(
            order.lines().stream()
                .map(
                    l ->
                        plan.product(l.sku())
                            .unitPrice()
                            .multiply(java.math.BigDecimal.valueOf(l.quantity())))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
  }
}
