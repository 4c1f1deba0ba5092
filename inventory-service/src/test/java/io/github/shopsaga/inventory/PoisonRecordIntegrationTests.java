package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.events.Topics;
import io.github.shopsaga.testsupport.TopicReader;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PoisonRecordIntegrationTests extends IntegrationTestSupport {

  @Test
  void parksAnUnreadableRecordOnTheDeadLetterTopicAndGoesOn() {
    String mug = newProduct("12.50", 10);
    UUID orderId = UUID.randomUUID();

    // Same key, so the same partition: the valid record queues behind the poison one.
    kafka.send(OrderEvent.TOPIC, orderId.toString(), "not json").join();
    send(placed(orderId, new OrderLine(mug, 1)));

    try (var deadLetters = new TopicReader(Topics.deadLetter(OrderEvent.TOPIC))) {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInSameThread()
          .untilAsserted(
              () -> assertThat(deadLetters.values(orderId.toString())).containsExactly("not json"));
    }
    assertThat(awaitEvents(orderId, 1).getFirst()).isInstanceOf(StockReserved.class);
    assertThat(product(mug).reserved()).isEqualTo(1);
  }
}
