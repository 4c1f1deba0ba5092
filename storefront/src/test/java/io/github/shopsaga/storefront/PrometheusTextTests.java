package io.github.shopsaga.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTests {

  private static final PrometheusText TEXT =
      PrometheusText.parse(
          """
          # HELP shop_orders Orders by status
          # TYPE shop_orders gauge
          shop_orders{application="order-service",status="PENDING"} 2.0
          shop_orders{application="order-service",status="CONFIRMED"} 7.0
          shop_outbox_backlog 4.0
          lag{topic="a",note="a \\"quoted\\" value"} 3.0
          lag{topic="b"} NaN
          lag{topic="c"} -Inf
          """);

  @Test
  void readsAMetricByOneOfItsLabels() {
    assertThat(TEXT.byLabel("shop_orders", "status"))
        .containsEntry("PENDING", 2.0)
        .containsEntry("CONFIRMED", 7.0);
  }

  @Test
  void sumsAMetricWithoutLabels() {
    assertThat(TEXT.sum("shop_outbox_backlog")).hasValue(4.0);
    assertThat(TEXT.sum("missing")).isEmpty();
  }

  @Test
  void takesTheLargestFiniteValueAndReadsQuotedLabels() {
    assertThat(TEXT.max("lag")).hasValue(3.0);
    assertThat(TEXT.samples())
        .filteredOn(sample -> sample.name().equals("lag"))
        .first()
        .satisfies(
            sample -> assertThat(sample.labels()).containsEntry("note", "a \\\"quoted\\\" value"));
  }
}
