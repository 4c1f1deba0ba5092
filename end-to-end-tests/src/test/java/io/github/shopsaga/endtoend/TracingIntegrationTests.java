package io.github.shopsaga.endtoend;

import static io.github.shopsaga.endtoend.Shop.unique;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.endtoend.Shop.Line;
import io.github.shopsaga.endtoend.Shop.Order;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** One saga is one trace: the request that places an order and every event that follows it. */
class TracingIntegrationTests {

  private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(\\w+)\"");

  private final Shop shop = Suite.shop();

  @Test
  void carriesTheTraceOfThePlacingRequestThroughEveryEventOfTheSaga() {
    String sku = unique("MUG");
    String customer = unique("alice");
    shop.addProduct(sku, "12.50", 10);
    shop.openAccount(customer, "100.00");
    Order order = shop.awaitSettled(shop.placeOrder(customer, new Line(sku, 1)).id());
    assertThat(order.status()).isEqualTo("CONFIRMED");

    String key = order.id().toString();
    List<TracedEvent> events = new ArrayList<>();
    events.addAll(tracedEvents("order-events", key, 2)); // OrderPlaced, OrderConfirmed
    events.addAll(tracedEvents("inventory-events", key, 1)); // StockReserved
    events.addAll(tracedEvents("payment-events", key, 1)); // PaymentCharged

    assertThat(events)
        .extracting(TracedEvent::type)
        .contains("OrderPlaced", "StockReserved", "PaymentCharged", "OrderConfirmed");
    assertThat(events).allSatisfy(event -> assertThat(event.traceId()).isNotNull());
    assertThat(events.stream().map(TracedEvent::traceId).distinct()).hasSize(1);
  }

  /** The events of this order on the topic, with the trace id of their traceparent header. */
  private static List<TracedEvent> tracedEvents(String topic, String orderId, int expected) {
    List<TracedEvent> found = new ArrayList<>();
    try (KafkaConsumer<String, String> reader = KafkaTool.reader(topic)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(300))) {
                  if (orderId.equals(record.key())) {
                    found.add(TracedEvent.of(record));
                  }
                }
                return found.size() >= expected;
              });
    }
    return found;
  }

  record TracedEvent(String type, String traceId) {

    static TracedEvent of(ConsumerRecord<String, String> record) {
      Matcher type = TYPE.matcher(record.value());
      Header traceparent = record.headers().lastHeader("traceparent");
      // traceparent: version-traceId-parentId-flags
      String traceId =
          traceparent == null ? null : new String(traceparent.value(), UTF_8).split("-")[1];
      return new TracedEvent(type.find() ? type.group(1) : record.value(), traceId);
    }
  }
}
