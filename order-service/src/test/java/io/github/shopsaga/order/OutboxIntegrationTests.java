package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.messaging.EventJson;
import io.github.shopsaga.messaging.OutboxPublisher;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import io.github.shopsaga.testsupport.TopicReader;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An event committed with its order reaches the topic even when it cannot be sent at once. */
class OutboxIntegrationTests extends IntegrationTestSupport {

  @Autowired OutboxPublisher publisher;

  @Autowired JdbcClient jdbc;

  private long pendingInOutbox(UUID orderId) {
    return jdbc.sql("select count(*) from outbox where record_key = ?")
        .param(orderId.toString())
        .query(Long.class)
        .single();
  }

  private static void awaitOrderPlacedOnTopic(UUID orderId) {
    try (var reader = new TopicReader(OrderEvent.TOPIC)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  reader.records(orderId).stream()
                      .map(record -> EventJson.read(record.value()).type())
                      .toList(),
              types -> types.contains("OrderPlaced"));
    }
  }

  @Test
  void publishesWhatWasCommittedWhileThePublisherWasDown() throws Exception {
    UUID orderId;
    publisher.stop();
    try {
      orderId = placeOrder();
      assertThat(pendingInOutbox(orderId)).isEqualTo(1);
    } finally {
      publisher.start();
    }

    awaitOrderPlacedOnTopic(orderId);
    await().atMost(Duration.ofSeconds(10)).until(() -> pendingInOutbox(orderId) == 0);
  }

  @Test
  void keepsTheEventWhileTheBrokerIsUnavailableAndPublishesItLater() throws Exception {
    var kafka = InfrastructureContainers.kafkaContainer();
    UUID orderId;
    kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
    try {
      orderId = placeOrder();
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(3))
          .until(() -> pendingInOutbox(orderId) == 1);
    } finally {
      kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    awaitOrderPlacedOnTopic(orderId);
    await().atMost(Duration.ofSeconds(30)).until(() -> pendingInOutbox(orderId) == 0);
  }
}
