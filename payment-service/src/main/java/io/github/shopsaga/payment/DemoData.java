package io.github.shopsaga.payment;

import java.math.BigDecimal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Opens the accounts the docker-compose demo uses, unless they exist: alice can pay, bob's balance
 * is too low for most orders, carol is rich and dave has nothing.
 */
@Component
@ConditionalOnBooleanProperty("shop.payment.demo-data")
class DemoData implements ApplicationRunner {

  static final Map<String, BigDecimal> ACCOUNTS =
      Map.of(
          "alice", new BigDecimal("500.00"),
          "bob", new BigDecimal("20.00"),
          "carol", new BigDecimal("10000.00"),
          "dave", new BigDecimal("0.00"));

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final AccountRepository accounts;

  DemoData(AccountRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public void run(ApplicationArguments args) {
    ACCOUNTS.forEach(
        (customerId, balance) -> {
          if (accounts.open(customerId, balance) == 1) {
            log.info("Opened demo account {} with {}", customerId, balance);
          }
        });
  }
}
