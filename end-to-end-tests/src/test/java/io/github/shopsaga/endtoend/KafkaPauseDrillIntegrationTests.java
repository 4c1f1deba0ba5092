package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.github.shopsaga.endtoend.Invariants.Snapshot;
import io.github.shopsaga.endtoend.LoadDriver.Timed;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Drill 2: the Kafka broker frozen for about 20 s (container paused: connections hang, nothing is
 * refused) while orders keep coming. Placing an order needs only order-service's database (the
 * event waits in the outbox), so every request is still accepted at once; when the broker is back
 * every saga completes and every invariant holds.
 */
@Tag("long-drill")
class KafkaPauseDrillIntegrationTests {

  private static final int ORDERS_PER_SECOND = 10;
  private static final Duration MAX_LATENCY_DURING_PAUSE = Duration.ofSeconds(5);

  private final Suite suite = Suite.instance();
  private final Shop shop = Suite.shop();

  @Test
  void acceptsOrdersWhileKafkaIsPausedAndCompletesEverySagaAfterwards() {
    Workload workload = Workload.create(shop, "kafka-pause");
    KafkaContainer kafka = InfrastructureContainers.kafkaContainer();
    DockerClient docker = kafka.getDockerClient();
    List<Timed> duringPause;
    Snapshot effects;
    try (StatusWatcher watcher = StatusWatcher.start(shop, workload)) {
      try (LoadDriver load = LoadDriver.start(shop, workload, ORDERS_PER_SECOND)) {
        load.awaitMoreAccepted(20);
        long pausedAt = System.currentTimeMillis();
        docker.pauseContainerCmd(kafka.getContainerId()).exec();
        try {
          // The load's own pace is the clock: 200 orders at 10 a second, about 20 s.
          load.awaitMoreAttempted(20L * ORDERS_PER_SECOND);
        } finally {
          docker.unpauseContainerCmd(kafka.getContainerId()).exec();
        }
        long resumedAt = System.currentTimeMillis();
        load.awaitMoreAccepted(20);
        load.close();
        duringPause =
            load.answers().stream()
                .filter(answer -> answer.answeredAt() > pausedAt && answer.answeredAt() < resumedAt)
                .toList();
        System.out.printf(
            "kafka pause drill: paused %d ms, %s, %d answers during the pause, slowest %s%n",
            resumedAt - pausedAt,
            load,
            duringPause.size(),
            duringPause.stream().map(Timed::latency).max(Comparator.naturalOrder()).orElse(null));
        assertThat(load.unreachable()).isZero();
      }
      effects = Invariants.check(suite, workload, watcher, Invariants.Mail.EXACTLY_ONCE);
    }
    assertThat(duringPause)
        .hasSizeGreaterThanOrEqualTo(150)
        .allSatisfy(
            answer -> {
              assertThat(answer.status()).isEqualTo(202);
              assertThat(answer.latency()).isLessThan(MAX_LATENCY_DURING_PAUSE);
            });
    System.out.println("kafka pause drill outcomes: " + effects.outcomes());
  }
}
