package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.events.Topics;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PoisonRecordIntegrationTests extends IntegrationTestSupport {

  @Test
  void parksAnUnreadableRecordAndGoesOnWithTheNextOne() throws Exception {
    String customer = openAccount("100.00");
    UUID orderId = UUID.randomUUID();
    String key = orderId.toString();

    // Same key, so the valid record waits behind the poison one in the same partition.
    kafka.send(InventoryEvent.TOPIC, key, "not json").get();
    send(reserved(orderId, customer, "10.00"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(recordsOn(Topics.deadLetter(InventoryEvent.TOPIC)))
                    .filteredOn(record -> key.equals(record.key()))
                    .singleElement()
                    .extracting(record -> record.value())
                    .isEqualTo("not json"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(publishedFor(orderId))
                    .singleElement()
                    .isInstanceOf(PaymentCharged.class));
    assertMoney(balanceOf(customer), "90.00");
  }

  @Test
  void parksAReservationThatCannotBeChargedAfterRetrying() {
    String customer = openAccount("100.00");
    UUID orderId = UUID.randomUUID();
    StockReserved free = reserved(orderId, customer, "0.00");

    send(free);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(recordsOn(Topics.deadLetter(InventoryEvent.TOPIC)))
                    .filteredOn(record -> orderId.toString().equals(record.key()))
                    .singleElement()
                    .extracting(record -> record.value())
                    .asString()
                    .contains(free.eventId().toString()));
    assertThat(processed(free.eventId())).isFalse();
    assertMoney(balanceOf(customer), "100.00");
    assertThat(publishedFor(orderId)).isEmpty();
  }
}
