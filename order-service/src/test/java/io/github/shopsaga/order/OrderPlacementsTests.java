package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.messaging.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The queue in front of the batches of new orders, and how long a batch waits to form. */
class OrderPlacementsTests {

  @Test
  void turnsAwayAnOrderBeyondTheQueueWith503AndRetryAfter() {
    // Not started: nothing takes orders off the queue.
    var placements = placements(1, Duration.ZERO);
    placements.enqueue(pending());

    ErrorResponseException refused =
        catchThrowableOfType(ErrorResponseException.class, () -> placements.enqueue(pending()));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    assertThat(refused.getBody().getDetail()).contains("1 orders waiting");
  }

  @Test
  void aLoneOrderIsWrittenAtOnce() {
    var placements = placements(10, Duration.ofMillis(10));

    assertThat(placements.lingerNanos(false, 0, 0)).isZero();
  }

  @Test
  void underLoadTheFirstOrderOfABatchWaitsTheLingerSinceItWasQueued() {
    var placements = placements(10, Duration.ofMillis(10));
    long queuedAt = 1_000_000_000L;

    assertThat(placements.lingerNanos(true, queuedAt, queuedAt))
        .isEqualTo(Duration.ofMillis(10).toNanos());
    assertThat(placements.lingerNanos(true, queuedAt, queuedAt + Duration.ofMillis(3).toNanos()))
        .isEqualTo(Duration.ofMillis(7).toNanos());
    // It waited that long already, for the previous batch to be written: no more.
    assertThat(placements.lingerNanos(true, queuedAt, queuedAt + Duration.ofMillis(12).toNanos()))
        .isZero();
  }

  @Test
  void noLingerWhenItIsOff() {
    var placements = placements(10, Duration.ZERO);

    assertThat(placements.lingerNanos(true, 0, 0)).isZero();
  }

  /** Placements with no store behind them, for the queue and the linger alone. */
  private static OrderPlacements placements(int queueCapacity, Duration linger) {
    var settings =
        new ShopSettings(
            "EUR",
            new ShopSettings.Orders(
                Duration.ofSeconds(60), Duration.ofSeconds(1), 10, queueCapacity, linger));
    return new OrderPlacements(null, null, null, null, settings);
  }

  private static OrderPlacements.Pending pending() {
    Order order =
        Order.place(
            UUID.randomUUID(),
            "customer-1",
            "someone@example.com",
            List.of(new OrderLine("MUG-1", 1)),
            "EUR",
            Instant.now(),
            Duration.ofSeconds(60));
    return OrderPlacements.pending(
        order, null, "fingerprint", new Outbox.Message(order.placedEvent(), Map.of()));
  }
}
