package io.github.shopsaga.gateway;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the gateway, under {@code shop.gateway}.
 *
 * @param services the services behind the gateway, by name (the load balancer's service id)
 */
@ConfigurationProperties("shop.gateway")
record GatewaySettings(Map<String, Upstream> services) {

  /**
   * One service behind the gateway.
   *
   * @param port where the gateway takes the service's requests (the port clients know it by)
   * @param uri the service's address: a host name that resolves to every running instance (a
   *     docker-compose service name does) and the port the instances listen on
   */
  record Upstream(int port, URI uri) {}
}
