package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

class MetricsIntegrationTests extends IntegrationTestSupport {

  @Autowired OrderMetrics metrics;

  @Test
  void exposesTheSagaDurationHistogramOnceASagaEnds() throws Exception {
    UUID orderId = placeOrder();
    send(stockReserved(orderId));
    send(charged(orderId));
    awaitStatus(orderId, OrderStatus.CONFIRMED);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .containsPattern(
                        "shop_saga_duration_seconds_bucket\\{[^}]*status=\"CONFIRMED\"[^}]*\\}")
                    .containsPattern(
                        "shop_saga_duration_seconds_count\\{[^}]*status=\"CONFIRMED\"[^}]*\\}"
                            + " [1-9]"));
  }

  /**
   * Deterministic: the order is stored with a deadline an hour away, so the sweeper cannot time it
   * out before the count, and the count is taken afresh rather than within its cache age.
   */
  @Test
  void exposesHowManyOrdersAreInEachStatus() throws Exception {
    placeWithDeadline(Duration.ofHours(1));
    metrics.forgetCounts();

    assertThat(scrape())
        .containsPattern("shop_orders\\{[^}]*status=\"PENDING\"[^}]*\\} [1-9]")
        .contains("status=\"CANCELLED\"");
  }

  @Test
  void exposesTheKafkaConsumerLagAndTheOutboxBacklog() {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains("kafka_consumer_fetch_manager_records_lag_max")
                    .contains("shop_outbox_backlog"));
  }

  private String scrape() throws Exception {
    var result = mvc.get().uri("/actuator/prometheus").exchange();
    assertThat(result).hasStatus(HttpStatus.OK);
    return result.getResponse().getContentAsString();
  }
}
