package io.github.shopsaga.order;

import io.github.shopsaga.testsupport.InfrastructureContainers;
import org.springframework.boot.SpringApplication;

/** Runs order-service locally on Testcontainers' PostgreSQL and Kafka. */
public class TestOrderServiceApplication {

  public static void main(String[] args) {
    SpringApplication.from(OrderServiceApplication::main)
        .with(InfrastructureContainers.class)
        .run(args);
  }
}
