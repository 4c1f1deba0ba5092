package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.Topics;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class PoisonRecordIntegrationTests extends IntegrationTestSupport {

  @Test
  void sendsAnUnreadableRecordToTheDeadLetterTopicAndGoesOn() {
    UUID orderId = UUID.randomUUID();
    String customer = uniqueRecipient();

    kafka.send(OrderEvent.TOPIC, orderId.toString(), "not json").join();
    send(confirmed(orderId, customer));

    assertThat(deadLetters(orderId.toString())).containsExactly("not json");
    var mail = awaitOneMailTo(customer);
    assertThat(bodyOf(mail)).contains(orderId.toString());
  }

  private static List<String> deadLetters(String key) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            InfrastructureContainers.kafkaContainer().getBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "dlt-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<String> values = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.deadLetter(OrderEvent.TOPIC)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        record -> {
                          if (key.equals(record.key())) {
                            values.add(record.value());
                          }
                        });
                return !values.isEmpty();
              });
    }
    return values;
  }
}
