package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.events.TimeOrderedIds;
import io.github.shopsaga.messaging.Inbox;
import io.github.shopsaga.testsupport.TableUpdates;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the stock operations' writes cost PostgreSQL's storage, where the schema decides it. */
class StockStorageIntegrationTests extends IntegrationTestSupport {

  @Autowired DataSource dataSource;

  @Autowired Inbox inbox;

  @Autowired StockReservations stock;

  @Test
  void committingAReservationUpdatesItWithoutWritingItsIndex() {
    String mug = newProduct("12.50", 10);
    UUID orderId = TimeOrderedIds.next();
    process(placed(orderId, new OrderLine(mug, 2)));
    StockReserved reserved = (StockReserved) awaitEvents(orderId, 1).getFirst();

    TableUpdates updates =
        TableUpdates.during(dataSource, "reservation", () -> process(confirmed(reserved)));

    assertThat(reservationStatus(orderId)).isEqualTo(Reservation.Status.COMMITTED);
    assertThat(updates).isEqualTo(new TableUpdates(1, 1));
  }

  private void process(OrderEvent event) {
    inbox.process(
        List.of(
            new ConsumerRecord<String, SagaEvent>(
                event.topic(), 0, 0, event.orderId().toString(), event)),
        OrderEvent.class,
        stock);
  }
}
