package io.github.shopsaga.storefront;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StorefrontApplication {

  /** How the storefront calls the services: HTTP/1.1 (no upgrade attempts), quick to give up. */
  @Bean
  HttpClient serviceClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  public static void main(String[] args) {
    SpringApplication.run(StorefrontApplication.class, args);
  }
}
