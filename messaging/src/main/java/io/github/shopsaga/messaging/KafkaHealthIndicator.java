package io.github.shopsaga.messaging;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Reports the broker connection: up when the cluster answers a metadata request within two seconds.
 * Part of the readiness group, so a service that cannot reach Kafka takes no traffic.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final AdminClient admin;

  KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
    super("Kafka health check failed");
    this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    DescribeClusterResult cluster =
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
    String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
    builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
  }

  @Override
  public void destroy() {
    admin.close(TIMEOUT);
  }
}
