package io.github.shopsaga.gateway;

import java.security.Security;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  public static void main(String[] args) {
    // Instances come and go with their containers: a name's addresses are looked up again after a
    // second (the JVM's default keeps them 30 s), and a failed lookup is not remembered.
    Security.setProperty("networkaddress.cache.ttl", "1");
    Security.setProperty("networkaddress.cache.negative.ttl", "0");
    SpringApplication.run(GatewayApplication.class, args);
  }
}
