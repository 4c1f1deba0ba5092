package io.github.shopsaga.notification;

import io.github.shopsaga.testsupport.InfrastructureContainers;
import org.springframework.boot.SpringApplication;

/**
 * Runs the service on Testcontainers' PostgreSQL and Kafka; e-mails go to the SMTP server at {@code
 * spring.mail.host:port} (for example Mailpit from docker-compose).
 */
public class TestNotificationServiceApplication {

  public static void main(String[] args) {
    SpringApplication.from(NotificationServiceApplication::main)
        .with(InfrastructureContainers.class)
        .run(args);
  }
}
