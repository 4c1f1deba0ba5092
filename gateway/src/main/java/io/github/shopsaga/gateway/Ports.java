package io.github.shopsaga.gateway;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Listens on every service's port besides {@code server.port}, so that clients reach each service
 * behind the gateway where they reach it without one.
 */
@Component
class Ports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final GatewaySettings settings;

  Ports(GatewaySettings settings) {
    this.settings = settings;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    settings.services().values().stream()
        .mapToInt(GatewaySettings.Upstream::port)
        .filter(port -> port != factory.getPort())
        .distinct()
        .forEach(port -> factory.addAdditionalConnectors(connectorOn(port)));
  }

  private static Connector connectorOn(int port) {
    Connector connector = new Connector();
    connector.setPort(port);
    return connector;
  }
}
