package io.github.shopsaga.inventory;

import io.github.shopsaga.testsupport.InfrastructureContainers;
import org.springframework.boot.SpringApplication;

/** Runs inventory-service locally on Testcontainers' PostgreSQL and Kafka. */
public class TestInventoryServiceApplication {

  public static void main(String[] args) {
    SpringApplication.from(InventoryServiceApplication::main)
        .with(InfrastructureContainers.class)
        .run(args);
  }
}
