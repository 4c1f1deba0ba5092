package io.github.shopsaga.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The Kafka settings every service shares ({@code shared-messaging-defaults.yml} beside this
 * class), with the lowest precedence: a service's own application.yml, the environment and the
 * command line override any of them.
 */
public class SharedMessagingDefaults implements EnvironmentPostProcessor {

  private static final String RESOURCE =
      "io/github/shopsaga/messaging/shared-messaging-defaults.yml";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    try {
      for (PropertySource<?> defaults :
          new YamlPropertySourceLoader()
              .load("shared defaults (" + RESOURCE + ")", new ClassPathResource(RESOURCE))) {
        environment.getPropertySources().addLast(defaults);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
