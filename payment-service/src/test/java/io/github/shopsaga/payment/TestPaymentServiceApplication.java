package io.github.shopsaga.payment;

import io.github.shopsaga.testsupport.InfrastructureContainers;
import org.springframework.boot.SpringApplication;

/** Runs payment-service locally on Testcontainers' PostgreSQL and Kafka. */
public class TestPaymentServiceApplication {

  public static void main(String[] args) {
    SpringApplication.from(PaymentServiceApplication::main)
        .with(InfrastructureContainers.class)
        .run(args);
  }
}
