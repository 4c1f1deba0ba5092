package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.Inbox;
import io.github.shopsaga.testsupport.TableUpdates;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the saga's writes cost PostgreSQL's storage, where the schema decides it. */
class OrderStorageIntegrationTests extends IntegrationTestSupport {

  @Autowired DataSource dataSource;

  @Autowired Inbox inbox;

  @Autowired OrderSaga saga;

  @Test
  void reservingAnOrderUpdatesItWithoutWritingItsIndexes() throws Exception {
    UUID orderId = placeOrder();
    var reserved = stockReserved(orderId);
    var record =
        new ConsumerRecord<String, SagaEvent>(reserved.topic(), 0, 0, orderId.toString(), reserved);

    TableUpdates updates =
        TableUpdates.during(
            dataSource, "orders", () -> inbox.process(List.of(record), SagaEvent.class, saga));

    assertThat(orders.find(orderId, BACK_OFFICE).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    assertThat(updates).isEqualTo(new TableUpdates(1, 1));
  }
}
