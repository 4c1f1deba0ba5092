package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Many orders race for the last units of a product, through the real listener path: several
 * consumer threads, and then two instances of the service in one consumer group.
 */
class ConcurrentReservationIntegrationTests extends IntegrationTestSupport {

  @Autowired KafkaListenerEndpointRegistry listeners;

  @Test
  void reservesExactlyTheStockThereIsWhenManyOrdersRaceForIt() {
    String scarce = newProduct("5.00", 10);

    Map<Class<?>, Long> outcomes = raceFor(scarce, 40);

    assertThat(outcomes).containsEntry(StockReserved.class, 10L);
    assertThat(outcomes).containsEntry(StockRejected.class, 30L);
    assertThat(product(scarce).available()).isZero();
    assertThat(product(scarce).reserved()).isEqualTo(10);
  }

  @Test
  void reservesExactlyTheStockThereIsWhenTwoInstancesShareTheOrders() {
    String scarce = newProduct("5.00", 7);

    try (ConfigurableApplicationContext second = startSecondInstance()) {
      var secondListeners = second.getBean(KafkaListenerEndpointRegistry.class);
      // Both instances own partitions of order-events before the orders arrive.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ownsPartitions(listeners) && ownsPartitions(secondListeners));

      Map<Class<?>, Long> outcomes = raceFor(scarce, 30);

      assertThat(outcomes).containsEntry(StockReserved.class, 7L);
      assertThat(outcomes).containsEntry(StockRejected.class, 23L);
      assertThat(product(scarce).available()).isZero();
      assertThat(product(scarce).reserved()).isEqualTo(7);
    }
  }

  /** Places the orders at once, each for one unit; returns how many of each outcome came out. */
  private Map<Class<?>, Long> raceFor(String sku, int orders) {
    List<UUID> orderIds = IntStream.range(0, orders).mapToObj(_ -> UUID.randomUUID()).toList();
    CompletableFuture.allOf(
            orderIds.stream()
                .map(
                    orderId ->
                        kafka.send(
                            OrderEvent.TOPIC,
                            orderId.toString(),
                            placed(orderId, new OrderLine(sku, 1))))
                .toArray(CompletableFuture[]::new))
        .join();

    List<InventoryEvent> outcomes =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInSameThread()
            .until(
                () -> orderIds.stream().flatMap(id -> inventoryEvents(id).stream()).toList(),
                events -> events.size() >= orders);
    assertThat(outcomes).hasSize(orders);
    assertThat(outcomes)
        .filteredOn(StockRejected.class::isInstance)
        .allSatisfy(
            rejected ->
                assertThat(((StockRejected) rejected).reason())
                    .isEqualTo(RejectionReason.OUT_OF_STOCK));
    return outcomes.stream()
        .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()))
        .entrySet()
        .stream()
        .collect(Collectors.toMap(e -> (Class<?>) e.getKey(), Map.Entry::getValue));
  }

  private static boolean ownsPartitions(KafkaListenerEndpointRegistry registry) {
    return registry.getListenerContainers().stream()
        .map(MessageListenerContainer::getAssignedPartitions)
        .anyMatch(partitions -> partitions != null && !partitions.isEmpty());
  }

  private static ConfigurableApplicationContext startSecondInstance() {
    var postgres = InfrastructureContainers.postgresContainer();
    // As command-line arguments: they take precedence over application.yml, default properties
    // would not.
    return new SpringApplicationBuilder(InventoryServiceApplication.class)
        .run(
            "--spring.datasource.url=" + postgres.getJdbcUrl(),
            "--spring.datasource.username=" + postgres.getUsername(),
            "--spring.datasource.password=" + postgres.getPassword(),
            "--spring.kafka.bootstrap-servers="
                + InfrastructureContainers.kafkaContainer().getBootstrapServers(),
            "--server.port=0",
            "--shop.inventory.demo-data=false");
  }
}
