package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.Inbox;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the saga's writes cost PostgreSQL's storage, where the schema decides it. */
class OrderStorageIntegrationTests extends IntegrationTestSupport {

  @Autowired DataSource dataSource;

  @Autowired JdbcClient jdbc;

  @Autowired Inbox inbox;

  @Autowired OrderSaga saga;

  record Updates(long all, long heapOnly) {
    Updates minus(Updates earlier) {
      return new Updates(all - earlier.all, heapOnly - earlier.heapOnly);
    }
  }

  @Test
  void reservingAnOrderUpdatesItWithoutWritingItsIndexes() throws Exception {
    UUID orderId = placeOrder();
    var reserved = stockReserved(orderId);
    var record =
        new ConsumerRecord<String, SagaEvent>(reserved.topic(), 0, 0, orderId.toString(), reserved);

    // The listener's transaction joins this one. PostgreSQL's counters of a connection
    // (pg_stat_xact_user_tables) include its earlier transactions until it reports them, which it
    // does between transactions, so the difference within this transaction is its own updates.
    Updates updates =
        new TransactionTemplate(new JdbcTransactionManager(dataSource))
            .execute(
                _ -> {
                  Updates before = updatesOfOrders();
                  inbox.process(List.of(record), SagaEvent.class, saga);
                  return updatesOfOrders().minus(before);
                });

    assertThat(orders.find(orderId, BACK_OFFICE).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    assertThat(updates).isEqualTo(new Updates(1, 1));
  }

  private Updates updatesOfOrders() {
    return jdbc.sql(
            """
            select pg_stat_get_xact_tuples_updated('orders'::regclass),
                   pg_stat_get_xact_tuples_hot_updated('orders'::regclass)""")
        .query((row, _) -> new Updates(row.getLong(1), row.getLong(2)))
        .single();
  }
}
