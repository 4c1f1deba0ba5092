package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.events.TimeOrderedIds;
import io.github.shopsaga.messaging.Inbox;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the stock operations' writes cost PostgreSQL's storage, where the schema decides it. */
class StockStorageIntegrationTests extends IntegrationTestSupport {

  @Autowired DataSource dataSource;

  @Autowired Inbox inbox;

  @Autowired StockReservations stock;

  record Updates(long all, long heapOnly) {
    Updates minus(Updates earlier) {
      return new Updates(all - earlier.all, heapOnly - earlier.heapOnly);
    }
  }

  @Test
  void committingAReservationUpdatesItWithoutWritingItsIndex() {
    String mug = newProduct("12.50", 10);
    UUID orderId = TimeOrderedIds.next();
    process(placed(orderId, new OrderLine(mug, 2)));
    StockReserved reserved = (StockReserved) awaitEvents(orderId, 1).getFirst();

    // The listener's transaction joins this one. PostgreSQL's counters of a connection
    // (pg_stat_xact_user_tables) include its earlier transactions until it reports them, which it
    // does between transactions, so the difference within this transaction is its own updates.
    Updates updates =
        new TransactionTemplate(new JdbcTransactionManager(dataSource))
            .execute(
                _ -> {
                  Updates before = updatesOfReservation();
                  process(confirmed(reserved));
                  return updatesOfReservation().minus(before);
                });

    assertThat(reservationStatus(orderId)).isEqualTo(Reservation.Status.COMMITTED);
    assertThat(updates).isEqualTo(new Updates(1, 1));
  }

  private void process(OrderEvent event) {
    inbox.process(
        List.of(
            new ConsumerRecord<String, SagaEvent>(
                event.topic(), 0, 0, event.orderId().toString(), event)),
        OrderEvent.class,
        stock);
  }

  private Updates updatesOfReservation() {
    return jdbc.sql(
            """
            select pg_stat_get_xact_tuples_updated('reservation'::regclass),
                   pg_stat_get_xact_tuples_hot_updated('reservation'::regclass)""")
        .query((row, _) -> new Updates(row.getLong(1), row.getLong(2)))
        .single();
  }
}
