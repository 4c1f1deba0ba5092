package io.github.shopsaga.testsupport;

import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.SagaEvent;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** What the services' integration tests do with the saga topics: send an event, await its inbox. */
public final class SagaTopics {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private SagaTopics() {}

  /**
   * Puts the event on its topic, keyed by its order id, as its publisher would; waits for the ack.
   */
  public static void send(KafkaTemplate<Object, Object> kafka, SagaEvent event) {
    try {
      kafka.send(event.topic(), event.orderId().toString(), event).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending " + event, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not send " + event, e);
    }
  }

  /** Whether the service's inbox recorded the event as processed (applied, or a duplicate). */
  public static boolean isProcessed(JdbcClient jdbc, UUID eventId) {
    return jdbc.sql("select exists (select 1 from processed_event where event_id = ?)")
        .param(eventId)
        .query(Boolean.class)
        .single();
  }

  /** Waits until the service's inbox recorded the event as processed. */
  public static void awaitProcessed(JdbcClient jdbc, SagaEvent event) {
    await().atMost(PATIENCE).until(() -> isProcessed(jdbc, event.eventId()));
  }
}
