package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.Inbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

class ConcurrentChargeIntegrationTests extends IntegrationTestSupport {

  @Autowired Inbox inbox;

  @Autowired PaymentProvider provider;

  @Test
  void chargesNoMoreThanTheBalanceWhenManyOrdersArriveAtOnce() {
    String customer = openAccount("100.00");
    List<StockReserved> orders =
        IntStream.range(0, 30)
            .mapToObj(_ -> reserved(UUID.randomUUID(), customer, "10.00"))
            .toList();

    // Random order ids spread the records over the partitions, so the listener threads race.
    CompletableFuture.allOf(
            orders.stream()
                .map(order -> kafka.send(order.topic(), order.orderId().toString(), order))
                .toArray(CompletableFuture[]::new))
        .join();

    await().atMost(Duration.ofSeconds(60)).until(() -> paymentsOf(customer) == 30);
    assertThat(outcomesOf(customer))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("CHARGED/null", 10, "DECLINED/INSUFFICIENT_FUNDS", 20));
    assertMoney(balanceOf(customer), "0.00");
    List<String> orderIds = orders.stream().map(order -> order.orderId().toString()).toList();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        recordsOn(PaymentCharged.TOPIC).stream()
                            .filter(record -> orderIds.contains(record.key()))
                            .filter(record -> record.value().contains("\"PaymentCharged\"")))
                    .hasSize(10));
  }

  @Test
  void chargesNoMoreThanTheBalanceWhenSeveralInstancesChargeAtOnce() throws Exception {
    String customer = openAccount("50.00");
    List<StockReserved> orders =
        IntStream.range(0, 40)
            .mapToObj(_ -> reserved(UUID.randomUUID(), customer, "5.00"))
            .toList();
    CountDownLatch start = new CountDownLatch(1);

    try (var threads = Executors.newFixedThreadPool(8)) {
      List<CompletableFuture<Boolean>> charges =
          orders.stream()
              .map(
                  order ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            awaitStart(start);
                            deliver(order);
                            return true;
                          },
                          threads))
              .toList();
      start.countDown();
      CompletableFuture.allOf(charges.toArray(CompletableFuture[]::new)).get();
    }

    assertThat(outcomesOf(customer))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("CHARGED/null", 10, "DECLINED/INSUFFICIENT_FUNDS", 30));
    assertMoney(balanceOf(customer), "0.00");
  }

  @Test
  void leavesNoCancelledOrderChargedWhenTheCancellationRacesTheReservation() throws Exception {
    String customer = openAccount("1000.00");
    List<UUID> orderIds = IntStream.range(0, 25).mapToObj(_ -> UUID.randomUUID()).toList();
    List<Runnable> deliveries = new ArrayList<>();
    for (UUID orderId : orderIds) {
      StockReserved reserved = reserved(orderId, customer, "10.00");
      OrderCancelled cancelled = cancelled(orderId, customer, CancellationReason.TIMED_OUT);
      deliveries.add(() -> deliver(reserved));
      deliveries.add(() -> deliver(cancelled));
    }
    Collections.shuffle(deliveries);
    CountDownLatch start = new CountDownLatch(1);

    try (var threads = Executors.newFixedThreadPool(8)) {
      List<CompletableFuture<Void>> runs =
          deliveries.stream()
              .map(
                  delivery ->
                      CompletableFuture.runAsync(
                          () -> {
                            awaitStart(start);
                            delivery.run();
                          },
                          threads))
              .toList();
      start.countDown();
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
    }

    // Whichever came first, the order ends without a charge: refunded, or never charged at all.
    assertThat(outcomesOf(customer)).doesNotContainKey("CHARGED/null");
    assertMoney(balanceOf(customer), "1000.00");
  }

  @Test
  void neverLetsABalanceGoNegative() {
    String customer = openAccount("0.00");

    assertThatExceptionOfType(DataIntegrityViolationException.class)
        .isThrownBy(
            () ->
                jdbc.sql("update account set balance = balance - 0.01 where customer_id = ?")
                    .param(customer)
                    .update());
    assertMoney(balanceOf(customer), "0.00");
  }

  /** Applies the event as a batch of its own, as a consumer of another instance would. */
  private void deliver(SagaEvent event) {
    inbox.process(
        List.of(new ConsumerRecord<>(event.topic(), 0, 0L, event.orderId().toString(), event)),
        SagaEvent.class,
        provider);
  }

  private int paymentsOf(String customer) {
    return jdbc.sql("select count(*) from payment where customer_id = ?")
        .param(customer)
        .query(Integer.class)
        .single();
  }

  private Map<String, Integer> outcomesOf(String customer) {
    return jdbc
        .sql(
            "select status || '/' || coalesce(reason, 'null') as outcome, count(*) as n"
                + " from payment where customer_id = ? group by 1")
        .param(customer)
        .query((rs, _) -> Map.entry(rs.getString("outcome"), rs.getInt("n")))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static void awaitStart(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
