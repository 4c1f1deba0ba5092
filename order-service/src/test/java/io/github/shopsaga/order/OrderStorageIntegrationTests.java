package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.testsupport.TableUpdates;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the saga's writes cost PostgreSQL's storage, where the schema decides it. */
class OrderStorageIntegrationTests extends IntegrationTestSupport {

  @Autowired DataSource dataSource;

  @Test
  void reservingAnOrderUpdatesItWithoutWritingItsIndexes() throws Exception {
    UUID orderId = placeOrder();
    var reserved = stockReserved(orderId);

    TableUpdates updates = TableUpdates.during(dataSource, "orders", () -> poll(reserved));

    assertThat(orders.find(orderId, BACK_OFFICE).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    assertThat(updates).isEqualTo(new TableUpdates(1, 1));
  }
}
