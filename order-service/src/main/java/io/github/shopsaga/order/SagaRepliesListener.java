package io.github.shopsaga.order;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.PaymentEvent;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.messaging.Inbox;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies inventory's and payment's answers to orders, each event once, a poll at a time.
 *
 * <p>One listener for both topics, rather than one per topic: both are keyed by order id with the
 * same number of partitions, so the consumer that gets partition n of one gets partition n of the
 * other (range assignment), and the reservation and the payment of an order meet in one batch and
 * one transaction instead of two consumers locking the same order row in turn.
 */
@Component
class SagaRepliesListener {

  private final Inbox inbox;
  private final OrderSaga saga;

  SagaRepliesListener(Inbox inbox, OrderSaga saga) {
    this.inbox = inbox;
    this.saga = saga;
  }

  @KafkaListener(
      topics = {InventoryEvent.TOPIC, PaymentEvent.TOPIC},
      batch = "true")
  void on(List<ConsumerRecord<String, SagaEvent>> records) {
    inbox.process(records, SagaEvent.class, saga);
  }
}
