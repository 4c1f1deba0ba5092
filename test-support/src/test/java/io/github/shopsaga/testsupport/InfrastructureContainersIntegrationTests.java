package io.github.shopsaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;

@SpringBootTest(
    properties = {
      "spring.kafka.consumer.auto-offset-reset=earliest",
      "spring.kafka.consumer.group-id=smoke"
    })
class InfrastructureContainersIntegrationTests {

  @Autowired JdbcClient jdbc;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired ConsumerFactory<String, String> consumers;

  @Test
  void writesAndReadsARowInPostgres() {
    jdbc.sql("create table if not exists smoke (id uuid primary key, note text)").update();
    UUID id = UUID.randomUUID();

    jdbc.sql("insert into smoke (id, note) values (?, ?)").params(id, "hello").update();

    assertThat(
            jdbc.sql("select note from smoke where id = ?").param(id).query(String.class).single())
        .isEqualTo("hello");
    assertThat(jdbc.sql("show server_version").query(String.class).single()).startsWith("17");
  }

  @Test
  void producesAndConsumesARecordOnKafka() throws Exception {
    String topic = "smoke-" + UUID.randomUUID();
    String key = UUID.randomUUID().toString();

    kafka.send(topic, key, "hello").get();

    try (Consumer<String, String> consumer = consumers.createConsumer()) {
      consumer.subscribe(List.of(topic));
      ConsumerRecord<String, String> record =
          KafkaTestUtils.getSingleRecord(consumer, topic, Duration.ofSeconds(20));
      assertThat(record.key()).isEqualTo(key);
      assertThat(record.value()).isEqualTo("hello");
    }
  }

  @Test
  void sharesOneSetOfContainersPerJvm() {
    assertThat(InfrastructureContainers.postgresContainer().isRunning()).isTrue();
    assertThat(InfrastructureContainers.kafkaContainer().isRunning()).isTrue();
    assertThat(new InfrastructureContainers().postgres())
        .isSameAs(InfrastructureContainers.postgresContainer());
  }

  @SpringBootApplication
  @Import(InfrastructureContainers.class)
  static class SmokeApplication {}
}
