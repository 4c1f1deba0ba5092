package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A customer's order changes streamed as server-sent events. */
class OrderUpdatesIntegrationTests extends IntegrationTestSupport {

  /** The application_name another order-service instance's pooled connections would have. */
  private static final String ANOTHER_INSTANCE = "order-service another instance";

  @Autowired MockMvc mockMvc;

  @Autowired JdbcConnectionDetails database;

  @Autowired JdbcClient jdbc;

  @Autowired OrderChangeFeed feed;

  @Autowired OrderQueries queries;

  @Autowired OrderUpdates updates;

  @Test
  void streamsEachChangeOfTheCustomersOrdersAsItCommits() throws Exception {
    String customer = newCustomer();
    MvcResult stream = follow(customer, null);
    UUID orderId = idOf(post(orderJson(customer), null));

    send(stockReserved(orderId));
    send(charged(orderId));

    awaitStreamed(
        stream,
        "event:order",
        "\"id\":\"" + orderId + "\"",
        "\"status\":\"AWAITING_PAYMENT\"",
        "\"status\":\"CONFIRMED\"");
  }

  @Test
  void startsWithWhatChangedSinceTheLastEventTheClientSaw() throws Exception {
    String customer = newCustomer();
    Instant before = Instant.now();
    UUID orderId = idOf(post(orderJson(customer), null));
    String otherCustomer = newCustomer();
    UUID otherOrder = idOf(post(orderJson(otherCustomer), null));

    MvcResult stream = follow(customer, before.toString());

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(stream.getResponse().getContentAsString())
                    .contains("\"id\":\"" + orderId + "\"")
                    .contains("\"status\":\"PENDING\"")
                    .doesNotContain(otherOrder.toString()));
  }

  @Test
  void streamsOnlyTheStatusesAskedFor() throws Exception {
    String customer = newCustomer();
    MvcResult stream = follow(customer, "CONFIRMED,REJECTED,CANCELLED", null);

    UUID orderId = placedAndConfirmedHere(customer);

    // One writer sends a stream's changes in the order they committed: once the outcome is there,
    // PENDING and AWAITING_PAYMENT would have been sent before it.
    awaitStreamed(stream, "\"id\":\"" + orderId + "\"", "\"status\":\"CONFIRMED\"");
    assertThat(stream.getResponse().getContentAsString())
        .doesNotContain("\"status\":\"PENDING\"")
        .doesNotContain("\"status\":\"AWAITING_PAYMENT\"");
  }

  @Test
  void catchesUpWithOnlyTheStatusesAskedFor() throws Exception {
    String customer = newCustomer();
    Instant before = Instant.now();
    UUID running = idOf(post(orderJson(customer), null));
    UUID confirmed = placedAndConfirmedHere(customer);

    MvcResult stream = follow(customer, "CONFIRMED", before.toString());

    awaitStreamed(stream, "\"id\":\"" + confirmed + "\"");
    assertThat(stream.getResponse().getContentAsString()).doesNotContain(running.toString());
  }

  @Test
  void refusesAStatusThatDoesNotExist() {
    assertThat(
            mvc.get()
                .uri("/api/orders/updates?customerId={customer}&status=SHIPPED", newCustomer()))
        .hasStatus(HttpStatus.BAD_REQUEST);
  }

  @Test
  void streamsTheChangesAnotherInstanceCommits() throws Exception {
    String customer = newCustomer();
    MvcResult stream = follow(customer, null);
    UUID orderId = idOf(post(orderJson(customer), null));

    confirmOnAnotherInstance(orderId);

    awaitStreamed(stream, "\"id\":\"" + orderId + "\"", "\"status\":\"CONFIRMED\"");
  }

  @Test
  void pushesTheChangesOfThisInstanceOnce() throws Exception {
    try (var _ = anotherInstanceListening()) {
      String customer = newCustomer();
      MvcResult stream = follow(customer, null);
      UUID orderId = placedAndConfirmedHere(customer);

      // Announcements arrive in the order of their commits: once a later change made elsewhere has
      // been pushed, this instance's own announcements of the order (made for the other instance)
      // have been seen, and skipped.
      UUID later = idOf(post(orderJson(customer), null));
      confirmOnAnotherInstance(later);
      awaitStreamed(stream, later.toString());

      assertThat(stream.getResponse().getContentAsString().split(orderId.toString(), -1))
          .as("AWAITING_PAYMENT and CONFIRMED, each pushed once")
          .hasSize(3);
    }
  }

  @Test
  void announcesNothingWhileNoOtherInstanceListens() throws Exception {
    try (Connection listener = OrderChangeFeed.connect(database, "a test listening")) {
      try (Statement statement = listener.createStatement()) {
        statement.execute("listen " + OrderChangeFeed.CHANNEL);
      }
      String customer = newCustomer();
      UUID orderId = placedAndConfirmedHere(customer);

      // Announcements arrive in the order of their commits: the first one is this later change
      // made by another writer (which this instance listens for), so the three changes this
      // instance made before it announced nothing.
      UUID later = idOf(post(orderJson(customer), null));
      confirmOnAnotherInstance(later);
      PGNotification[] notifications =
          listener.unwrap(PGConnection.class).getNotifications((int) PATIENCE.toMillis());
      assertThat(notifications).isNotNull().isNotEmpty();
      assertThat(notifications[0].getParameter())
          .contains(ANOTHER_INSTANCE)
          .contains(later.toString());
      assertThat(Arrays.stream(notifications).map(PGNotification::getParameter))
          .noneMatch(payload -> payload.contains(orderId.toString()));
    }
  }

  @Test
  void registersOnlyOnceEveryTransactionThatWroteOrdersHasEnded() throws Exception {
    UUID orderId = idOf(post(orderJson(newCustomer()), null));
    try (Connection writer = OrderChangeFeed.connect(database, ANOTHER_INSTANCE)) {
      writer.setAutoCommit(false);
      confirm(writer, orderId);

      dropTheFeedsConnection();
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  jdbc.sql(
                              "select count(*) from pg_stat_activity"
                                  + " where application_name = ? and wait_event_type = 'Lock'")
                          .param(OrderChangeFeed.feedConnectionName(OrderChangeFeed.INSTANCE))
                          .query(Long.class)
                          .single()
                      == 1);
      assertThat(feed.listening()).as("registered while a writer was still open").isFalse();

      writer.commit();
      await().atMost(PATIENCE).until(feed::listening);
    }
  }

  @Test
  void endsTheStreamsWhenTheFeedLosesTheDatabaseAndListensAgain() throws Exception {
    String customer = newCustomer();
    MvcResult stream = follow(customer, null);
    // An instance that crashed: registered, with no feed connection left.
    jdbc.sql("insert into order_change_listener (instance) values ('order-service gone')").update();

    dropTheFeedsConnection();

    // The stream ends, so that the client reconnects and catches up from its Last-Event-ID ...
    stream.getAsyncResult(PATIENCE.toMillis());
    // ... and once the feed listens again, the changes of other instances reach the clients.
    await().atMost(PATIENCE).until(feed::listening);
    MvcResult again = follow(customer, null);
    UUID orderId = idOf(post(orderJson(customer), null));
    confirmOnAnotherInstance(orderId);
    awaitStreamed(again, "\"status\":\"CONFIRMED\"");
    assertThat(registeredInstances())
        .as("registered again; the crashed instance forgotten")
        .containsExactly(OrderChangeFeed.INSTANCE);
  }

  @Test
  void removesItsRegistrationWhenItStops() {
    // A second feed of this instance, started and stopped beside the context's own.
    var feedThatStops = new OrderChangeFeed(database, queries, updates);
    feedThatStops.start();
    try {
      feedThatStops.stop();

      assertThat(registeredInstances()).doesNotContain(OrderChangeFeed.INSTANCE);
    } finally {
      jdbc.sql("insert into order_change_listener (instance) values (?) on conflict do nothing")
          .param(OrderChangeFeed.INSTANCE)
          .update();
    }
  }

  @Test
  void refusesALastEventIdThatIsNotAnInstant() {
    assertThat(
            mvc.get()
                .uri("/api/orders/updates?customerId={customer}", newCustomer())
                .header(OrderController.LAST_EVENT_ID, "yesterday"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .contains("Last-Event-ID");
  }

  @Test
  void refusesAnInvalidCustomerId() {
    assertThat(mvc.get().uri("/api/orders/updates?customerId={customer}", "not a customer"))
        .hasStatus(HttpStatus.BAD_REQUEST);
  }

  private static void awaitStreamed(MvcResult stream, String... fragments) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(stream.getResponse().getContentAsString()).contains(fragments));
  }

  /** An order of the customer's, placed and confirmed through this instance: three changes. */
  private UUID placedAndConfirmedHere(String customer) throws Exception {
    UUID orderId = idOf(post(orderJson(customer), null));
    send(stockReserved(orderId));
    send(charged(orderId));
    awaitStatus(orderId, OrderStatus.CONFIRMED);
    return orderId;
  }

  /** Changes the order as another order-service instance would: through a connection of its own. */
  private void confirmOnAnotherInstance(UUID orderId) throws SQLException {
    try (Connection connection = OrderChangeFeed.connect(database, ANOTHER_INSTANCE)) {
      confirm(connection, orderId);
    }
  }

  private static void confirm(Connection connection, UUID orderId) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "update orders set status = 'CONFIRMED', updated_at = now() where id = ?")) {
      update.setObject(1, orderId);
      assertThat(update.executeUpdate()).isOne();
    }
  }

  /**
   * Another order-service instance whose feed listens, as far as this one can tell: registered,
   * with its feed connection open, until closed.
   */
  private AutoCloseable anotherInstanceListening() throws SQLException {
    Connection feedConnection =
        OrderChangeFeed.connect(database, OrderChangeFeed.feedConnectionName(ANOTHER_INSTANCE));
    jdbc.sql("insert into order_change_listener (instance) values (?)")
        .param(ANOTHER_INSTANCE)
        .update();
    return () -> {
      jdbc.sql("delete from order_change_listener where instance = ?")
          .param(ANOTHER_INSTANCE)
          .update();
      feedConnection.close();
    };
  }

  private List<String> registeredInstances() {
    return jdbc.sql("select instance from order_change_listener").query(String.class).list();
  }

  private void dropTheFeedsConnection() {
    jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")
        .param(OrderChangeFeed.feedConnectionName(OrderChangeFeed.INSTANCE))
        .query()
        .listOfRows();
  }

  private MvcResult follow(String customer, String lastEventId) throws Exception {
    return follow(customer, null, lastEventId);
  }

  private MvcResult follow(String customer, String statuses, String lastEventId) throws Exception {
    var call = get("/api/orders/updates").param("customerId", customer);
    if (statuses != null) {
      call = call.param("status", statuses);
    }
    if (lastEventId != null) {
      call = call.header(OrderController.LAST_EVENT_ID, lastEventId);
    }
    return mockMvc.perform(call).andExpect(request().asyncStarted()).andReturn();
  }
}
