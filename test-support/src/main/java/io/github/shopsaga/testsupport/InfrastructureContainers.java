package io.github.shopsaga.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL 17 and Kafka 4.2 for integration tests, as {@code @ServiceConnection} beans.
 *
 * <p>Import it with {@code @Import(InfrastructureContainers.class)}. The containers are JVM-wide
 * singletons: every Spring context of the test JVM (the context cache may hold several) talks to
 * the same two containers, which start once on first use and are removed by Testcontainers' reaper
 * when the JVM exits. The beans therefore have no destroy method: closing one cached context must
 * not stop the containers under the others.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InfrastructureContainers {

  public static final String POSTGRES_IMAGE = "postgres:17";
  public static final String KAFKA_IMAGE = "apache/kafka:4.2.2";

  @Bean(destroyMethod = "")
  @ServiceConnection
  PostgreSQLContainer postgres() {
    return Shared.POSTGRES;
  }

  @Bean(destroyMethod = "")
  @ServiceConnection
  KafkaContainer kafka() {
    return Shared.KAFKA;
  }

  /** The containers themselves, for tests that must reach them directly (pause, restart). */
  public static PostgreSQLContainer postgresContainer() {
    return Shared.POSTGRES;
  }

  public static KafkaContainer kafkaContainer() {
    return Shared.KAFKA;
  }

  /** Holder idiom: the containers are created on first use, and only once per JVM. */
  private static final class Shared {

    /**
     * A container whose start fails for a reason of the machine's (a host port Docker could not
     * map, a start-up racing the file copy) is started afresh once, rather than failing every test
     * of the JVM.
     */
    private static final int STARTUP_ATTEMPTS = 2;

    static final PostgreSQLContainer POSTGRES =
        new PostgreSQLContainer(POSTGRES_IMAGE)
            // Tests open many connections at once (several contexts, concurrency tests).
            .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off")
            .withStartupAttempts(STARTUP_ATTEMPTS);

    static final KafkaContainer KAFKA =
        new KafkaContainer(KAFKA_IMAGE)
            // KafkaContainer's own start-up waits for the start script Testcontainers copies in,
            // then executes it. Two changes:
            // - The script is run by bash once its last line is there, not executed as soon as
            //   the file exists: the file exists while Docker is still writing it, and executing
            //   it then fails ("Text file busy"): the likeliest cause of a broker that died 0.3 s
            //   after its start in one CI run, and with it every test of that module.
            // - The config files are made writable first: the offline stand-in image has shipped
            //   them read-only, and the image's config step fails on them. A no-op on the
            //   official image.
            .withCommand(
                "sh",
                "-c",
                "chmod u+w /opt/kafka/config/* 2>/dev/null;"
                    + " until grep -qs /etc/kafka/docker/run /tmp/testcontainers_start.sh;"
                    + " do sleep 0.1; done;"
                    + " exec bash /tmp/testcontainers_start.sh")
            .withStartupAttempts(STARTUP_ATTEMPTS);

    static {
      Startables.deepStart(POSTGRES, KAFKA).join();
    }
  }
}
