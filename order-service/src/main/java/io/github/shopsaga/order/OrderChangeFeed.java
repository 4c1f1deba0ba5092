package io.github.shopsaga.order;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings the order changes that other order-service instances commit to the clients following their
 * customers here, so that a client sees every change whichever instance it is connected to and
 * whichever instance processed the change.
 *
 * <p>A trigger on {@code orders} ({@code V5__notify_order_changes.sql}) announces each committed
 * statement's orders on the channel {@code order_changes}, with the writing connection's {@code
 * application_name}, which names the instance ({@link #INSTANCE}, given to every pooled connection
 * by {@link OrderServiceApplication#connectionsNamedAfterTheInstance}). This instance listens on a
 * connection of its own, skips its own announcements (it told its clients at commit, from memory),
 * and for the others reads the orders of customers followed here, one query per announcement, and
 * pushes them.
 *
 * <p>A statement announces only while an instance other than the writing one listens ({@code
 * V7__announce_only_to_other_instances.sql}): the feed registers its instance in {@code
 * order_change_listener} once it listens, and removes it when it stops, so a lone instance sends no
 * notifications at all. The registration locks {@code orders} in SHARE mode, which waits for the
 * transactions that have written orders and holds new writers back until it commits: every change
 * committed after it is announced here, and every change before it is in what the first clients
 * read. The rows of instances whose feed connection is gone (a crash) are removed by the others, at
 * their registration and every {@link #FORGET_THE_GONE_EVERY}.
 *
 * <p>PostgreSQL keeps no announcements for a listener that is away: when the listening connection
 * fails, every stream is ended, so that clients reconnect with {@code Last-Event-ID} and catch up
 * on what they missed, and the feed listens again.
 */
@Component
class OrderChangeFeed implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OrderChangeFeed.class);

  /** This process among the order-service instances: the application_name of its connections. */
  static final String INSTANCE = "order-service " + UUID.randomUUID();

  static final String CHANNEL = "order_changes";

  /** How long the listener waits for announcements before checking that it should go on. */
  private static final Duration WAIT = Duration.ofSeconds(1);

  private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

  private static final Duration FIRST_LISTEN_PATIENCE = Duration.ofSeconds(10);

  /** How often the feed removes the registrations of instances that are gone. */
  static final Duration FORGET_THE_GONE_EVERY = Duration.ofMinutes(1);

  /**
   * What follows an instance's name in its feed connection's: 62 characters in all, within
   * PostgreSQL's 63 for an {@code application_name}.
   */
  private static final String FEED_CONNECTION_SUFFIX = " change feed";

  /**
   * The registrations of instances without a feed connection: crashed, or cut off (such an instance
   * registers again when its feed listens again).
   */
  private static final String FORGET_THE_GONE =
      """
      delete from order_change_listener l
      where not exists (
        select from pg_stat_activity a where a.application_name = l.instance || '%s')
      """
          .formatted(FEED_CONNECTION_SUFFIX);

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final JdbcConnectionDetails database;
  private final OrderQueries queries;
  private final OrderUpdates updates;
  private final CountDownLatch firstListen = new CountDownLatch(1);
  private volatile boolean running;
  private volatile boolean listening;
  private Thread listener;

  OrderChangeFeed(JdbcConnectionDetails database, OrderQueries queries, OrderUpdates updates) {
    this.database = database;
    this.queries = queries;
    this.updates = updates;
  }

  /**
   * Starts listening, and returns once the feed listens (or after {@link #FIRST_LISTEN_PATIENCE},
   * with a warning): the web server starts after it, so the first clients miss no other instance's
   * change.
   */
  @Override
  public void start() {
    running = true;
    listener = Thread.ofPlatform().name("order-change-feed").daemon().start(this::listen);
    try {
      if (!firstListen.await(FIRST_LISTEN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "The order change feed does not listen yet; until it does, clients here miss the"
                + " changes other instances make");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops listening and removes this instance's registration, on a connection of its own: the
   * feed's may be gone, or its thread still waiting for announcements.
   */
  @Override
  public void stop() {
    running = false;
    listener.interrupt();
    try {
      listener.join(WAIT.multipliedBy(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Connection connection = connect(database, INSTANCE + " leaving");
        PreparedStatement delete =
            connection.prepareStatement("delete from order_change_listener where instance = ?")) {
      delete.setString(1, INSTANCE);
      delete.executeUpdate();
    } catch (SQLException e) {
      log.warn("Could not remove this instance from the order change listeners", e);
    }
  }

  /** Whether other instances' changes reach this one now. */
  boolean listening() {
    return listening;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listen() {
    boolean listenedBefore = false;
    while (running) {
      try (Connection connection = connect(database, feedConnectionName(INSTANCE))) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + CHANNEL);
        }
        register(connection);
        if (listenedBefore) {
          // Announcements made while the feed was away are lost: clients catch up on reconnecting.
          updates.endAllStreams();
        }
        listenedBefore = true;
        listening = true;
        firstListen.countDown();
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long forgetTheGoneAt = System.nanoTime() + FORGET_THE_GONE_EVERY.toNanos();
        while (running) {
          PGNotification[] notifications = postgres.getNotifications((int) WAIT.toMillis());
          if (notifications != null) {
            changedElsewhere(notifications);
          }
          if (System.nanoTime() - forgetTheGoneAt > 0) {
            try (Statement statement = connection.createStatement()) {
              statement.executeUpdate(FORGET_THE_GONE);
            }
            forgetTheGoneAt = System.nanoTime() + FORGET_THE_GONE_EVERY.toNanos();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        listening = false;
        log.warn("The order change feed lost its connection; listening again shortly", e);
        updates.endAllStreams();
        try {
          Thread.sleep(RECONNECT_AFTER);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * Registers this instance as listening, so that the other instances announce their changes; in
   * one transaction that first waits for every transaction that has written orders to end.
   */
  private static void register(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into order_change_listener (instance) values (?) on conflict do nothing")) {
      // Autovacuum gives way to the lock within a second; a writer stuck for longer fails the
      // registration, which is tried again like a lost connection.
      statement.execute("set local lock_timeout = '10s'");
      statement.execute("lock table orders in share mode");
      statement.executeUpdate(FORGET_THE_GONE);
      insert.setString(1, INSTANCE);
      insert.executeUpdate();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** The {@code application_name} of an instance's feed connection, by which it is found alive. */
  static String feedConnectionName(String instance) {
    return instance + FEED_CONNECTION_SUFFIX;
  }

  /**
   * A connection of its own, outside the pool, under an {@code application_name}: the one the feed
   * listens on (and, in tests, one that writes as another instance would).
   */
  static Connection connect(JdbcConnectionDetails database, String applicationName)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", database.getUsername());
    if (database.getPassword() != null) {
      properties.setProperty("password", database.getPassword());
    }
    properties.setProperty("ApplicationName", applicationName);
    return DriverManager.getConnection(database.getJdbcUrl(), properties);
  }

  /** Pushes the orders other instances changed, of the customers followed here. */
  private void changedElsewhere(PGNotification[] notifications) {
    Set<UUID> followed = new LinkedHashSet<>();
    for (PGNotification notification : notifications) {
      JsonNode announcement;
      try {
        announcement = JSON.readTree(notification.getParameter());
      } catch (JacksonException e) {
        log.warn("Skipped an announcement on {} that is not JSON", CHANNEL, e);
        continue;
      }
      if (INSTANCE.equals(announcement.path("from").asString())) {
        continue;
      }
      for (JsonNode order : announcement.path("orders")) {
        if (updates.follows(order.path(0).asString())) {
          followed.add(UUID.fromString(order.path(1).asString()));
        }
      }
    }
    if (!followed.isEmpty()) {
      updates.changedElsewhere(queries.findAll(followed));
    }
  }

  /** Starts after the database is migrated; stops before the streams are closed. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
