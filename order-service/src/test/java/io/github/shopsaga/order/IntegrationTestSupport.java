package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The one configuration of every integration test of order-service, so the context cache starts the
 * application once. Tests share the database and topics: each uses its own customer and order ids.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(InfrastructureContainers.class)
abstract class IntegrationTestSupport {

  @Autowired MockMvcTester mvc;

  @Autowired KafkaTemplate<Object, Object> kafka;

  @Autowired OrderService orders;

  static String newCustomer() {
    return "customer-" + UUID.randomUUID();
  }

  static String orderJson(String customerId) {
    return """
        {"customerId":"%s","customerEmail":"someone@example.com",
         "items":[{"sku":"MUG-1","quantity":2},{"sku":"TEA-7","quantity":1}]}
        """
        .formatted(customerId);
  }

  /** Places an order over HTTP and returns its id. */
  UUID placeOrder() throws Exception {
    MvcTestResult result = post(orderJson(newCustomer()), null);
    assertThat(result).hasStatus(HttpStatus.ACCEPTED);
    return idOf(result);
  }

  MvcTestResult post(String body, String idempotencyKey) {
    var request = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return request.content(body).exchange();
  }

  static UUID idOf(MvcTestResult result) throws Exception {
    return UUID.fromString(JsonPath.read(result.getResponse().getContentAsString(), "$.id"));
  }

  void send(SagaEvent event) {
    kafka.send(event.topic(), event.orderId().toString(), event).join();
  }

  List<String> historyTypes(UUID orderId) {
    return orders.history(orderId).stream().map(OrderEventResponse::type).toList();
  }

  static StockReserved stockReserved(UUID orderId) {
    return new StockReserved(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        "someone",
        List.of(
            new PricedLine("MUG-1", 2, new BigDecimal("12.50")),
            new PricedLine("TEA-7", 1, new BigDecimal("6.00"))),
        Money.of("31.00", "EUR"));
  }
}
