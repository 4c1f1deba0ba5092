package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.PaymentEvent;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.EventJson;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import io.github.shopsaga.testsupport.SagaTopics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What every integration test of the module shares: one Spring context (the same annotations on
 * all, so the context cache starts the service once) on Testcontainers' PostgreSQL and Kafka, and
 * helpers to open accounts, send events and read what the service published.
 */
@SpringBootTest(properties = "shop.payment.demo-data=false")
@AutoConfigureMockMvc
@Import(InfrastructureContainers.class)
abstract class IntegrationTestSupport {

  @Autowired KafkaTemplate<Object, Object> kafka;

  @Autowired JdbcClient jdbc;

  @Autowired MockMvcTester mvc;

  /** Opens an account for a customer of its own, so tests sharing the database never meet. */
  String openAccount(String balance) {
    String customerId = "customer-" + UUID.randomUUID();
    jdbc.sql("insert into account (customer_id, balance) values (?, ?)")
        .params(customerId, new BigDecimal(balance))
        .update();
    return customerId;
  }

  BigDecimal balanceOf(String customerId) {
    return jdbc.sql("select balance from account where customer_id = ?")
        .param(customerId)
        .query(BigDecimal.class)
        .single();
  }

  static StockReserved reserved(UUID orderId, String customerId, String total) {
    Money money = Money.of(total, "EUR");
    return new StockReserved(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        customerId,
        List.of(new PricedLine("MUG-1", 1, money.amount())),
        money);
  }

  static OrderCancelled cancelled(UUID orderId, String customerId, CancellationReason reason) {
    return new OrderCancelled(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        customerId,
        customerId + "@example.com",
        List.of(new OrderLine("MUG-1", 1)),
        null,
        reason);
  }

  /** Puts the event on its topic, keyed by its order id, as its publisher would. */
  void send(SagaEvent event) {
    SagaTopics.send(kafka, event);
  }

  boolean processed(UUID eventId) {
    return SagaTopics.isProcessed(jdbc, eventId);
  }

  /**
   * Whether the event was processed and everything the service recorded for the order is on Kafka
   * (the outbox deletes a row only once the broker acknowledged it).
   */
  boolean settled(UUID orderId, UUID eventId) {
    return processed(eventId)
        && jdbc.sql("select count(*) from outbox where record_key = ?")
                .param(orderId.toString())
                .query(Integer.class)
                .single()
            == 0;
  }

  /** The payment events published for the order so far, oldest first. */
  static List<PaymentEvent> publishedFor(UUID orderId) {
    return recordsOn(PaymentEvent.TOPIC).stream()
        .filter(record -> orderId.toString().equals(record.key()))
        .map(record -> (PaymentEvent) EventJson.read(record.value()))
        .toList();
  }

  /** Every record on the topic up to its current end, read without a consumer group. */
  static List<ConsumerRecord<String, String>> recordsOn(String topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            InfrastructureContainers.kafkaContainer().getBootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  static void assertMoney(BigDecimal actual, String expected) {
    assertThat(actual).isEqualByComparingTo(expected);
  }
}
