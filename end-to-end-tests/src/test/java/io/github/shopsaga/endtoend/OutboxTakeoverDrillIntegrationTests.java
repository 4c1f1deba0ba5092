package io.github.shopsaga.endtoend;

import static io.github.shopsaga.endtoend.Shop.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.github.shopsaga.endtoend.Shop.Line;
import io.github.shopsaga.endtoend.Shop.Order;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Drill 6: two order-service instances; the one that sends the outbox dies (SIGKILL) with events
 * still in it, and the other sends them, without a restart of the first. The broker is frozen while
 * the orders are placed, so the events are certainly in the outbox when the sender dies.
 */
class OutboxTakeoverDrillIntegrationTests {

  private static final int ORDERS = 20;

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void anotherInstanceSendsWhatAKilledSenderLeftInTheOutbox() throws SQLException {
    String sku = unique("MUG");
    String customer = unique("takeover");
    shop.addProduct(sku, "5.00", ORDERS);
    shop.openAccount(customer, "1000.00");
    // The suite's instance has sent the outbox since it started; the second stands by.
    ServiceProcess second = suite.anotherOrderService();
    second.start();
    KafkaContainer kafka = InfrastructureContainers.kafkaContainer();
    DockerClient docker = kafka.getDockerClient();
    try {
      second.awaitHealthy();
      List<Order> placed = new ArrayList<>();
      Instant killedAt;
      docker.pauseContainerCmd(kafka.getContainerId()).exec();
      try {
        for (int i = 0; i < ORDERS; i++) {
          placed.add(shop.placeOrder(customer, new Line(sku, 1)));
        }
        assertThat(outboxRows()).isGreaterThanOrEqualTo(ORDERS);
        killedAt = Instant.now();
        suite.order().kill();
      } finally {
        docker.unpauseContainerCmd(kafka.getContainerId()).exec();
      }
      long resumedAt = System.nanoTime();

      Shop survivor = shop.at(second);
      for (Order order : placed) {
        assertThat(survivor.awaitSettled(order.id()).status()).isEqualTo("CONFIRMED");
      }
      Duration settled = Duration.ofNanos(System.nanoTime() - resumedAt);
      Instant tookOver = senderSince(second.log());
      assertThat(tookOver).isAfter(killedAt);
      System.out.printf(
          "outbox takeover drill: the second instance sent the outbox %d ms after the first was"
              + " killed; %d orders settled %d ms after the broker came back%n",
          Duration.between(killedAt, tookOver).toMillis(), ORDERS, settled.toMillis());
      await("the outbox emptied by the surviving instance")
          .atMost(Duration.ofSeconds(30))
          .until(() -> outboxRows() == 0);
      for (Order order : placed) {
        assertThat(survivor.payments(order.id())).hasSize(1);
      }
      assertThat(shop.product(sku).available()).isZero();
    } finally {
      second.stop();
      suite.order().start();
      suite.order().awaitHealthy();
    }
  }

  /** When the instance last logged that it became the outbox's sender. */
  private static Instant senderSince(Path log) {
    try (var lines = Files.lines(log)) {
      return lines
          .filter(line -> line.contains("This instance sends the outbox now"))
          .map(line -> Instant.parse(line.substring(0, line.indexOf(' '))))
          .reduce((first, last) -> last)
          .orElseThrow(() -> new AssertionError("the second instance never sent the outbox"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int outboxRows() throws SQLException {
    try (Connection orders = suite.database("orders");
        Statement statement = orders.createStatement();
        ResultSet count = statement.executeQuery("select count(*) from outbox")) {
      count.next();
      return count.getInt(1);
    }
  }
}
