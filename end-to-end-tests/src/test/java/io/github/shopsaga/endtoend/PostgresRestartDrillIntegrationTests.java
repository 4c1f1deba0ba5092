package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.endtoend.Invariants.Snapshot;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Drill 3: PostgreSQL restarted under load, three times. A container restart would publish the port
 * anew (the services would lose the database for good), and the postmaster is the container's first
 * process (stopping it stops the container), so the drill makes PostgreSQL restart itself the way
 * it does after a crash: one of its processes is killed (SIGKILL), and the postmaster terminates
 * every session, reinitialises and recovers from the WAL before accepting connections again. Every
 * service loses all its connections and in-flight transactions at once.
 */
@Tag("long-drill")
class PostgresRestartDrillIntegrationTests {

  private static final int ORDERS_PER_SECOND = 10;

  /** Kills the checkpointer; the postmaster (PID 1) then crash-restarts the whole server. */
  private static final String CRASH_RESTART =
      """
      for p in /proc/[0-9]*; do
        case "$(tr '\\0' ' ' < $p/cmdline 2>/dev/null)" in
          "postgres: checkpointer"*) kill -9 ${p#/proc/} ;;
        esac
      done
      """;

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void losesAndDuplicatesNothingWhenPostgresRestartsMidLoad() throws Exception {
    Workload workload = Workload.create(shop, "postgres-restart");
    Snapshot effects;
    try (StatusWatcher watcher = StatusWatcher.start(shop, workload)) {
      try (LoadDriver load = LoadDriver.start(shop, workload, ORDERS_PER_SECOND)) {
        load.awaitMoreAccepted(20);
        for (int restart = 0; restart < 3; restart++) {
          restartPostgres();
          load.awaitMoreAccepted(30);
        }
        load.close();
        System.out.println("postgres restart drill load: " + load);
      }
      // A notification whose SENT could not be recorded is sent again (same Message-ID).
      effects = Invariants.check(suite, workload, watcher, Invariants.Mail.ONCE_PER_MESSAGE_ID);
    }
    System.out.println("postgres restart drill outcomes: " + effects.outcomes());
  }

  private static void restartPostgres() throws IOException, InterruptedException {
    PostgreSQLContainer postgres = InfrastructureContainers.postgresContainer();
    long before = restarts(postgres);
    ExecResult result = postgres.execInContainer("sh", "-c", CRASH_RESTART);
    assertThat(result.getExitCode()).as(result.getStderr()).isZero();
    await("PostgreSQL restarting")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> restarts(postgres) > before);
  }

  /** How often the postmaster has restarted the server so far, by its log. */
  private static long restarts(PostgreSQLContainer postgres) {
    return postgres
        .getLogs()
        .lines()
        .filter(line -> line.contains("all server processes terminated; reinitializing"))
        .count();
  }
}
