package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.Inbox;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What batching could break, at the level where it would break: the events of one poll, handed to
 * the payment provider as the listener hands them, in one transaction.
 */
class PaymentBatchIntegrationTests extends IntegrationTestSupport {

  @Autowired Inbox inbox;

  @Autowired PaymentProvider provider;

  private long offset;

  @Test
  void drawsSeveralOrdersOfOneCustomerInOneBatchFromOneBalanceInTheirOrder() {
    String customer = openAccount("50.00");
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();

    poll(
        reserved(first, customer, "30.00"),
        reserved(second, customer, "30.00"),
        reserved(third, customer, "20.00"));

    assertThat(statusOf(first)).isEqualTo("CHARGED");
    assertThat(statusOf(second)).isEqualTo("DECLINED");
    assertThat(statusOf(third)).isEqualTo("CHARGED");
    assertMoney(balanceOf(customer), "0.00");
  }

  @Test
  void refundsAChargeCancelledInTheSameBatchAndNeverChargesOneCancelledBefore() {
    String customer = openAccount("100.00");
    UUID chargedThenCancelled = UUID.randomUUID();
    UUID cancelledThenReserved = UUID.randomUUID();

    poll(
        reserved(chargedThenCancelled, customer, "40.00"),
        cancelled(chargedThenCancelled, customer, CancellationReason.CUSTOMER_CANCELLED),
        cancelled(cancelledThenReserved, customer, CancellationReason.TIMED_OUT),
        reserved(cancelledThenReserved, customer, "40.00"));

    assertThat(statusOf(chargedThenCancelled)).isEqualTo("REFUNDED");
    assertThat(statusOf(cancelledThenReserved)).isNull();
    assertMoney(balanceOf(customer), "100.00");
  }

  private void poll(SagaEvent... events) {
    List<ConsumerRecord<String, SagaEvent>> records = new ArrayList<>();
    for (SagaEvent event : events) {
      records.add(
          new ConsumerRecord<>(event.topic(), 0, offset++, event.orderId().toString(), event));
    }
    inbox.process(records, SagaEvent.class, provider);
  }

  private String statusOf(UUID orderId) {
    return jdbc.sql("select status from payment where order_id = ?")
        .param(orderId)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
