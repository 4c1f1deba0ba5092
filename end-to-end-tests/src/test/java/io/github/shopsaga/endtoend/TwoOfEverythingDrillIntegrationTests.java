package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.endtoend.Invariants.Snapshot;
import io.github.shopsaga.endtoend.Shop.HistoryEntry;
import io.github.shopsaga.endtoend.Shop.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Drill 7: two processes of every service under steady load, then one of each killed for good
 * (SIGKILL, not started again), one after another. The survivors take over the partitions of the
 * dead once their Kafka sessions expire; every saga completes, none times out, and every invariant
 * holds. The longest time a saga took, and the longest gap between two outcomes, are printed.
 */
class TwoOfEverythingDrillIntegrationTests {

  private static final int ORDERS_PER_SECOND = 10;
  private static final Set<String> OUTCOMES =
      Set.of("OrderConfirmed", "OrderRejected", "OrderCancelled");

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void completesEverySagaWhenOneInstanceOfEachServiceDiesForGood() {
    // The second processes are the ones killed: the suite's own order-service takes the POSTs.
    List<ServiceProcess> seconds = suite.services().stream().map(suite::another).toList();
    seconds.forEach(ServiceProcess::start);
    try {
      seconds.forEach(ServiceProcess::awaitHealthy);
      Workload workload = Workload.create(shop, "two-of-everything");
      Snapshot effects;
      try (StatusWatcher watcher = StatusWatcher.start(shop, workload)) {
        try (LoadDriver load = LoadDriver.start(shop, workload, ORDERS_PER_SECOND)) {
          // Long enough for the group rebalances of the second processes' joining to settle.
          load.awaitMoreAccepted(50);
          for (ServiceProcess second : seconds.reversed()) {
            second.kill();
            load.awaitMoreAttempted(30);
          }
          load.awaitMoreAccepted(50);
          load.close();
          System.out.println("two-of-everything drill load: " + load);
        }
        // A notification-service killed between sending an e-mail and recording it sends it once
        // more, with the same Message-ID, as the crash drill allows.
        effects = Invariants.check(suite, workload, watcher, Invariants.Mail.ONCE_PER_MESSAGE_ID);
      }
      List<Order> orders =
          workload.customers().stream()
              .flatMap(customer -> Invariants.ordersOf(shop, customer).stream())
              .toList();
      assertThat(orders).extracting(Order::failureReason).doesNotContain("TIMED_OUT");

      Duration longestSaga = Duration.ZERO;
      List<Instant> outcomes = new ArrayList<>();
      for (Order order : orders) {
        List<HistoryEntry> history = shop.history(order.id());
        Instant placed = history.getFirst().occurredAt();
        for (HistoryEntry entry : history) {
          if (OUTCOMES.contains(entry.type())) {
            outcomes.add(entry.occurredAt());
            Duration took = Duration.between(placed, entry.occurredAt());
            longestSaga = took.compareTo(longestSaga) > 0 ? took : longestSaga;
          }
        }
      }
      outcomes.sort(null);
      Duration longestGap = Duration.ZERO;
      for (int i = 1; i < outcomes.size(); i++) {
        Duration gap = Duration.between(outcomes.get(i - 1), outcomes.get(i));
        longestGap = gap.compareTo(longestGap) > 0 ? gap : longestGap;
      }
      System.out.printf(
          "two-of-everything drill: %d orders %s; longest saga %d ms, longest gap between"
              + " outcomes %d ms%n",
          orders.size(), effects.outcomes(), longestSaga.toMillis(), longestGap.toMillis());
      assertThat(effects.outcomes()).containsKeys("CONFIRMED", "CANCELLED");
    } finally {
      seconds.forEach(ServiceProcess::stop);
    }
  }
}
