package io.github.shopsaga.inventory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.testsupport.TopicReader;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class TracingIntegrationTests extends IntegrationTestSupport {

  @Test
  void continuesTheTraceOfOrderPlacedInStockReserved() {
    String mug = newProduct("12.50", 10);
    UUID orderId = UUID.randomUUID();
    String traceId = randomHex(16);
    OrderPlaced placed = placed(orderId, new OrderLine(mug, 2));
    var record = new ProducerRecord<Object, Object>(OrderEvent.TOPIC, orderId.toString(), placed);
    record
        .headers()
        .add("traceparent", ("00-" + traceId + "-" + randomHex(8) + "-01").getBytes(UTF_8));

    kafka.send(record).join();

    try (var reader = new TopicReader(InventoryEvent.TOPIC)) {
      ConsumerRecord<String, String> reserved =
          await()
              .atMost(Duration.ofSeconds(20))
              .pollInSameThread()
              .until(() -> reader.records(orderId.toString()), records -> !records.isEmpty())
              .getFirst();
      assertThat(reserved.value()).contains("\"type\":\"StockReserved\"");
      Header traceparent = reserved.headers().lastHeader("traceparent");
      assertThat(traceparent).as("traceparent header").isNotNull();
      assertThat(new String(traceparent.value(), UTF_8).split("-")[1]).isEqualTo(traceId);
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
