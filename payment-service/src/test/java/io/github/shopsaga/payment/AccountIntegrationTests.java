package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class AccountIntegrationTests extends IntegrationTestSupport {

  @Autowired AccountRepository accounts;

  @Test
  void opensAnAccountAndShowsIt() {
    String customer = "it-" + UUID.randomUUID();

    assertThat(
            mvc.post()
                .uri("/api/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerId\":\"%s\",\"balance\":100.5}".formatted(customer)))
        .hasStatus(HttpStatus.CREATED)
        .hasHeader("Location", "/api/accounts/" + customer);

    assertThat(mvc.get().uri("/api/accounts/{id}", customer))
        .hasStatusOk()
        .bodyJson()
        .isStrictlyEqualTo("{\"customerId\":\"%s\",\"balance\":100.50}".formatted(customer));
  }

  @Test
  void refusesASecondAccountAndKeepsTheFirstBalance() {
    String customer = openAccount("10.00");

    assertThat(
            mvc.post()
                .uri("/api/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerId\":\"%s\",\"balance\":999}".formatted(customer)))
        .hasStatus(HttpStatus.CONFLICT)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertMoney(balanceOf(customer), "10.00");
  }

  @Test
  void opensOneAccountWhenTheSameCustomerIsOpenedConcurrently() throws Exception {
    String customer = "race-" + UUID.randomUUID();
    CountDownLatch start = new CountDownLatch(1);
    List<Integer> opened;
    try (var threads = Executors.newFixedThreadPool(8)) {
      List<CompletableFuture<Integer>> attempts =
          IntStream.range(0, 16)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            try {
                              start.await();
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                            return accounts.open(customer, BigDecimal.valueOf(i));
                          },
                          threads))
              .toList();
      start.countDown();
      opened = attempts.stream().map(CompletableFuture::join).toList();
    }

    assertThat(opened).containsOnly(0, 1).filteredOn(n -> n == 1).hasSize(1);
  }

  @Test
  void opensTheDemoAccountsWithoutOverwritingExistingOnes() {
    jdbc.sql("delete from account where customer_id in ('alice', 'bob', 'carol', 'dave')").update();
    jdbc.sql("insert into account (customer_id, balance) values ('bob', 3.00)").update();

    DemoData demo = new DemoData(accounts);
    demo.run(null);
    demo.run(null);

    assertMoney(balanceOf("alice"), "500.00");
    assertMoney(balanceOf("bob"), "3.00");
    assertMoney(balanceOf("carol"), "10000.00");
    assertMoney(balanceOf("dave"), "0.00");
  }
}
