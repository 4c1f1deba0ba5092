package io.github.shopsaga.gateway;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;

/**
 * A service's instances: the addresses its host name resolves to, looked up for every request (the
 * JVM keeps each answer for a second, see {@link GatewayApplication#main}). Docker's DNS answers a
 * compose service name with the address of each running container of it, so an instance that is
 * started is used within a second and one that stops is dropped as soon as its container is gone.
 */
final class ResolvedInstances implements ServiceInstanceListSupplier {

  private final String serviceId;
  private final URI uri;

  ResolvedInstances(String serviceId, URI uri) {
    this.serviceId = serviceId;
    this.uri = uri;
  }

  @Override
  public String getServiceId() {
    return serviceId;
  }

  @Override
  public Flux<List<ServiceInstance>> get() {
    return Flux.defer(() -> Flux.just(lookUp()));
  }

  private List<ServiceInstance> lookUp() {
    try {
      return Arrays.stream(InetAddress.getAllByName(uri.getHost()))
          .map(InetAddress::getHostAddress)
          .<ServiceInstance>map(
              address ->
                  new DefaultServiceInstance(
                      serviceId + "@" + address, serviceId, address, uri.getPort(), false))
          .toList();
    } catch (UnknownHostException noneRunning) {
      return List.of();
    }
  }

  /**
   * Each service's instances, from its DNS name. Spring Cloud LoadBalancer applies this in a child
   * context per service id; not a {@code @Configuration}, so the application's own context does not
   * pick it up.
   */
  static class PerService {

    @Bean
    ResolvedInstances resolvedInstances(Environment environment, GatewaySettings settings) {
      String serviceId = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
      return new ResolvedInstances(serviceId, settings.services().get(serviceId).uri());
    }
  }
}
