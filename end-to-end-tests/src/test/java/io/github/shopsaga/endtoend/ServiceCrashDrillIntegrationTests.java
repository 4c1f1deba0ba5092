package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.endtoend.Invariants.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * Drill 1: each service killed abruptly (SIGKILL: no shutdown hook, no offset commit, no outbox
 * flush) in the middle of steady load, and started again. Nothing is lost or done twice: every
 * order settles and every invariant holds.
 */
class ServiceCrashDrillIntegrationTests {

  private static final int ORDERS_PER_SECOND = 10;

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void losesAndDuplicatesNothingWhenEachServiceIsKilledMidLoad() {
    Workload workload = Workload.create(shop, "crash");
    Snapshot effects;
    try (StatusWatcher watcher = StatusWatcher.start(shop, workload)) {
      try (LoadDriver load = LoadDriver.start(shop, workload, ORDERS_PER_SECOND)) {
        load.awaitMoreAccepted(20);
        // All four in turn, a couple of seconds of orders apart, each started again at once: each
        // dies while the others are still working on (or waiting for) its events, and their
        // restarts overlap. Placing orders fails while order-service is down and goes on after.
        for (ServiceProcess service : suite.services().reversed()) {
          service.kill();
          service.start();
          load.awaitMoreAttempted(20);
        }
        suite.services().forEach(ServiceProcess::awaitHealthy);
        load.awaitMoreAccepted(20);
        load.close();
        System.out.println("crash drill load: " + load);
        assertThat(load.accepted()).isGreaterThanOrEqualTo(60);
      }
      effects = Invariants.check(suite, workload, watcher, Invariants.Mail.ONCE_PER_MESSAGE_ID);
    }
    System.out.println("crash drill outcomes: " + effects.outcomes());
    assertThat(effects.outcomes()).containsKeys("CONFIRMED", "CANCELLED");
  }
}
