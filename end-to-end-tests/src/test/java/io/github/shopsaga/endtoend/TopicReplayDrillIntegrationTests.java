package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.endtoend.Invariants.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drill 4: every topic replayed from its beginning to every service that consumes it, as an
 * operator resetting consumer group offsets would. Each event arrives a second time (and the ones
 * of earlier tests too); the inboxes recognise them all, so no effect happens twice: stock,
 * balances, payments, notifications and e-mails are exactly what they were before.
 */
class TopicReplayDrillIntegrationTests {

  private static final int ORDERS_PER_SECOND = 10;

  /** Each service's consumer group (its spring.application.name) and the topics it consumes. */
  private static final Map<String, List<String>> CONSUMED =
      Map.of(
          "order-service", List.of("inventory-events", "payment-events"),
          "inventory-service", List.of("order-events"),
          "payment-service", List.of("order-events", "inventory-events"),
          "notification-service", List.of("order-events"));

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void changesNothingWhenEveryTopicIsReplayedFromTheBeginning() {
    Workload workload = Workload.create(shop, "replay");
    Snapshot before;
    Snapshot after;
    try (StatusWatcher watcher = StatusWatcher.start(shop, workload)) {
      try (LoadDriver load = LoadDriver.start(shop, workload, ORDERS_PER_SECOND)) {
        load.awaitMoreAccepted(40);
      }
      before = Invariants.check(suite, workload, watcher, Invariants.Mail.EXACTLY_ONCE);

      // Stopped gracefully, so their consumers leave the groups and the offsets can be reset.
      suite.services().parallelStream().forEach(ServiceProcess::stop);
      CONSUMED.forEach(KafkaTool::rewind);
      CONSUMED.forEach(
          (group, topics) ->
              assertThat(KafkaTool.lag(group, topics))
                  .as("lag of %s after rewind", group)
                  .isPositive());
      suite.services().forEach(ServiceProcess::start);
      suite.services().forEach(ServiceProcess::awaitHealthy);
      CONSUMED.forEach(
          (group, topics) ->
              await(group + " caught up with the replay")
                  .atMost(Duration.ofMinutes(2))
                  .pollDelay(Duration.ZERO)
                  .pollInterval(Duration.ofSeconds(1))
                  .until(() -> KafkaTool.lag(group, topics) == 0));

      after = Invariants.check(suite, workload, watcher, Invariants.Mail.EXACTLY_ONCE);
    }
    assertThat(after).isEqualTo(before);
  }
}
