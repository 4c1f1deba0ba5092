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

/** The queue in front of the batches of new orders. */
class OrderPlacementsTests {

  @Test
  void turnsAwayAnOrderBeyondTheQueueWith503AndRetryAfter() {
    var settings =
        new ShopSettings(
            "EUR", new ShopSettings.Orders(Duration.ofSeconds(60), Duration.ofSeconds(1), 10, 1));
    // Not started: nothing takes orders off the queue.
    var placements = new OrderPlacements(null, null, null, null, settings);
    placements.enqueue(pending());

    ErrorResponseException refused =
        catchThrowableOfType(ErrorResponseException.class, () -> placements.enqueue(pending()));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    assertThat(refused.getBody().getDetail()).contains("1 orders waiting");
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
