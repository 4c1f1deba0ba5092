package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.endtoend.Invariants.Snapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill 6: the SMTP server down for about 30 s while orders keep settling. The e-mails wait in
 * notification-service and go out when the server is back: every outcome is mailed exactly once.
 */
@Tag("long-drill")
class SmtpOutageDrillIntegrationTests {

  private static final int ORDERS_PER_SECOND = 10;

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void mailsEveryOutcomeExactlyOnceAfterTheSmtpServerWasDown() {
    Workload workload = Workload.create(shop, "smtp-down");
    Snapshot effects;
    try (StatusWatcher watcher = StatusWatcher.start(shop, workload)) {
      try (LoadDriver load = LoadDriver.start(shop, workload, ORDERS_PER_SECOND)) {
        load.awaitMoreAccepted(20);
        suite.stopMail();
        try {
          // The load's own pace is the clock: 300 orders at 10 a second, about 30 s.
          load.awaitMoreAttempted(30L * ORDERS_PER_SECOND);
        } finally {
          suite.startMail();
        }
        load.awaitMoreAccepted(20);
        load.close();
        System.out.println("smtp outage drill load: " + load);
      }
      effects = Invariants.check(suite, workload, watcher, Invariants.Mail.EXACTLY_ONCE);
    }
    System.out.println("smtp outage drill outcomes: " + effects.outcomes());
    assertThat(effects.mails().values()).isNotEmpty().containsOnly(1);
  }
}
