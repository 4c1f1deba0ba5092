package io.github.shopsaga.order;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.testsupport.TopicReader;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

class TracingIntegrationTests extends IntegrationTestSupport {

  @Test
  void continuesTheCallersTraceInTheOrderPlacedRecord() throws Exception {
    String traceId = randomHex(16);
    MvcTestResult result =
        mvc.post()
            .uri("/api/orders")
            .contentType(MediaType.APPLICATION_JSON)
            .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
            .content(orderJson(newCustomer()))
            .exchange();
    assertThat(result).hasStatus(HttpStatus.ACCEPTED);
    UUID orderId = idOf(result);

    try (var reader = new TopicReader(OrderEvent.TOPIC)) {
      ConsumerRecord<String, String> placed =
          await()
              .atMost(PATIENCE)
              .until(() -> reader.records(orderId), records -> !records.isEmpty())
              .getFirst();
      assertThat(placed.value()).contains("\"type\":\"OrderPlaced\"");
      assertThat(traceIdOf(placed)).isEqualTo(traceId);
    }
  }

  /** The trace id of a W3C {@code traceparent}: {@code 00-<trace id>-<parent span id>-<flags>}. */
  static String traceIdOf(ConsumerRecord<?, ?> record) {
    Header traceparent = record.headers().lastHeader("traceparent");
    assertThat(traceparent).as("traceparent header").isNotNull();
    return new String(traceparent.value(), UTF_8).split("-")[1];
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
