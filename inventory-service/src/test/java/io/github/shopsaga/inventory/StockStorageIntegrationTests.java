package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.events.TimeOrderedIds;
import io.github.shopsaga.testsupport.TableUpdates;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the stock operations' writes cost PostgreSQL's storage, where the schema decides it. */
class StockStorageIntegrationTests extends IntegrationTestSupport {

  @Autowired DataSource dataSource;

  @Test
  void committingAReservationUpdatesItWithoutWritingItsIndex() {
    String mug = newProduct("12.50", 10);
    UUID orderId = TimeOrderedIds.next();
    poll(placed(orderId, new OrderLine(mug, 2)));
    StockReserved reserved = (StockReserved) awaitEvents(orderId, 1).getFirst();

    TableUpdates updates =
        TableUpdates.during(dataSource, "reservation", () -> poll(confirmed(reserved)));

    assertThat(reservationStatus(orderId)).isEqualTo(Reservation.Status.COMMITTED);
    assertThat(updates).isEqualTo(new TableUpdates(1, 1));
  }
}
