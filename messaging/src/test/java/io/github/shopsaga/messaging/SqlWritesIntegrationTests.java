package io.github.shopsaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderPlaced;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(
    classes = MessagingTestApplication.class,
    properties = {"shop.messaging.retry-initial-interval=50ms"})
class SqlWritesIntegrationTests {

  private static final String INSERT_ID =
      "insert into processed_event (event_id) select unnest(?::uuid[])";

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;

  @Test
  void sendsEveryWriteAsOneStatement() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    AtomicInteger statements = new AtomicInteger();

    new SqlWrites()
        .add(INSERT_ID, (Object) new UUID[] {first})
        .add(INSERT_ID, (Object) new UUID[] {second})
        .execute(JdbcClient.create(countingStatements(statements)));

    assertThat(statements).hasValue(1);
    assertThat(processed(first, second)).isEqualTo(2);
  }

  @Test
  void aWriteThatFailsTakesTheOthersWithIt() {
    UUID fresh = UUID.randomUUID();
    UUID seen = UUID.randomUUID();
    jdbc.sql(INSERT_ID).param(new UUID[] {seen}).update();

    SqlWrites writes =
        new SqlWrites()
            .add(INSERT_ID, (Object) new UUID[] {fresh})
            .add(INSERT_ID, (Object) new UUID[] {seen});

    assertThatThrownBy(() -> writes.execute(jdbc)).isInstanceOf(DataAccessException.class);
    assertThat(processed(fresh)).isZero();
  }

  @Test
  void endsWithTheOutboxInsertOfTheEventsTheWritesCause() {
    UUID written = UUID.randomUUID();
    OrderPlaced placed =
        new OrderPlaced(
            UUID.randomUUID(),
            UUID.randomUUID(),
            Instant.now(),
            "alice",
            "alice@example.com",
            List.of(new OrderLine("MUG-1", 1)));

    int recorded =
        transactions.execute(
            _ -> {
              outbox.publishAll(
                  List.of(outbox.message(placed)),
                  new SqlWrites().add(INSERT_ID, (Object) new UUID[] {written}));
              // Seen before the commit, so before the publisher can send and delete it.
              return jdbc.sql("select count(*) from outbox where payload like ?")
                  .param("%" + placed.eventId() + "%")
                  .query(Integer.class)
                  .single();
            });

    assertThat(recorded).isOne();
    assertThat(processed(written)).isOne();
  }

  private int processed(UUID... ids) {
    return jdbc.sql("select count(*) from processed_event where event_id = any(?)")
        .param(ids)
        .query(Integer.class)
        .single();
  }

  /** The data source, counting the statements prepared on its connections. */
  private DataSource countingStatements(AtomicInteger statements) {
    return new DelegatingDataSource(dataSource) {
      @Override
      public Connection getConnection() throws java.sql.SQLException {
        Connection connection = super.getConnection();
        return (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (_, method, arguments) -> {
                  if (method.getName().startsWith("prepare")
                      || method.getName().equals("createStatement")) {
                    statements.incrementAndGet();
                  }
                  try {
                    return method.invoke(connection, arguments);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
      }
    };
  }
}
