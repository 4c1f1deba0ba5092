package io.github.shopsaga.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the outbox sender at once that another instance committed rows. An instance that does not
 * send records its rows and {@code NOTIFY}s on this channel in the same transaction ({@link
 * Outbox#publishAll}); PostgreSQL delivers the notification when that transaction commits, and the
 * sender, which {@code LISTEN}s here on a connection of its own, sweeps the table at once instead
 * of at its next interval. With two instances of a service, half of its events come from the other
 * one: without this each waited for the sweep (250 ms on average at the 500 ms interval). A
 * notification lost (the listening connection broken, or sent before the sender started listening)
 * costs only that wait: the sweep still finds the rows.
 */
final class OutboxNotifications {

  /** The channel, one per database (notifications do not cross databases). */
  static final String CHANNEL = "shop_outbox";

  private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

  /** How long one wait for notifications blocks, and the pause after a lost connection. */
  private static final Duration WAIT = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final BooleanSupplier listening;
  private final Runnable notified;

  private volatile boolean running;
  private volatile boolean listeningNow;
  private volatile Thread thread;

  /**
   * @param listening whether to listen now (while this instance is the sender)
   * @param notified what to do when another instance committed rows
   */
  OutboxNotifications(DataSource dataSource, BooleanSupplier listening, Runnable notified) {
    this.dataSource = dataSource;
    this.listening = listening;
    this.notified = notified;
  }

  void start() {
    running = true;
    thread = Thread.ofPlatform().name("outbox-notifications").daemon().start(this::loop);
  }

  /** Whether the channel is listened to now: a notification sent from here on is received. */
  boolean isListening() {
    return listeningNow;
  }

  void stop() {
    running = false;
    Thread current = thread;
    if (current != null) {
      LockSupport.unpark(current);
      try {
        current.join(WAIT.multipliedBy(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    thread = null;
  }

  private void loop() {
    while (running) {
      if (!listening.getAsBoolean()) {
        LockSupport.parkNanos(this, WAIT.toNanos());
        continue;
      }
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + CHANNEL);
        }
        listeningNow = true;
        PGConnection postgres = connection.unwrap(PGConnection.class);
        while (running && listening.getAsBoolean()) {
          PGNotification[] notifications = postgres.getNotifications((int) WAIT.toMillis());
          if (notifications != null && notifications.length > 0) {
            notified.run();
          }
        }
        listeningNow = false;
      } catch (SQLException e) {
        listeningNow = false;
        log.debug(
            "Listening for other instances' outbox rows failed, again in {}: {}",
            WAIT,
            e.toString());
        LockSupport.parkNanos(this, WAIT.toNanos());
      }
    }
  }
}
