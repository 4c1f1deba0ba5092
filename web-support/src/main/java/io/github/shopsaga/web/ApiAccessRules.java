package io.github.shopsaga.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own rules of who may call which endpoint, applied before the shared ones (health
 * anonymous; actuator and API documentation for staff; every other request authenticated). A rule
 * about whose resource it is (a customer's own order) belongs in the controller: there another
 * customer's resource answers 404, as an unknown one does.
 */
@FunctionalInterface
public interface ApiAccessRules {

  void apply(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests);
}
