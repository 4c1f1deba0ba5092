package io.github.shopsaga.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SharedWebDefaultsTests {

  @Test
  void givesEveryServiceTheSharedSettingsAndLetsItsOwnWin() {
    var environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "application.yml", Map.of("management.tracing.sampling.probability", "1.0")));

    new SharedWebDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("server.tomcat.max-connections")).isEqualTo("500");
    assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
        .isEqualTo("readinessState, db");
    assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
  }
}
