package io.github.shopsaga.payment;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.Inbox;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Charges an order once inventory has reserved and priced it, and refunds it, or makes sure its
 * late reservation is never charged, once it is cancelled.
 *
 * <p>One listener for both topics, rather than one per topic: both are keyed by order id with the
 * same number of partitions, so the consumer that gets partition n of one gets partition n of the
 * other (range assignment), and an order's reservation and cancellation are decided one after the
 * other in one thread, instead of two consumers queueing on the order's lock.
 */
@Component
class SagaEventsListener {

  private final Inbox inbox;
  private final PaymentProvider provider;

  SagaEventsListener(Inbox inbox, PaymentProvider provider) {
    this.inbox = inbox;
    this.provider = provider;
  }

  @KafkaListener(
      topics = {InventoryEvent.TOPIC, OrderEvent.TOPIC},
      batch = "true")
  void on(List<ConsumerRecord<String, SagaEvent>> records) {
    inbox.process(records, SagaEvent.class, provider);
  }
}
