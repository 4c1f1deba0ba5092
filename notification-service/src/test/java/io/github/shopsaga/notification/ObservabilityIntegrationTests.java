package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** What an operator and a client developer see: the e-mail meters and the API documentation. */
class ObservabilityIntegrationTests extends IntegrationTestSupport {

  @Autowired MeterRegistry meters;

  @Test
  void countsASentEmail() throws Exception {
    double before = sentConfirmations();

    send(confirmed(UUID.randomUUID(), uniqueRecipient()));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(sentConfirmations()).isGreaterThanOrEqualTo(before + 1));
    var scrape = mvc.get().uri("/actuator/prometheus").exchange();
    assertThat(scrape).hasStatus(HttpStatus.OK);
    assertThat(scrape.getResponse().getContentAsString())
        .containsPattern("shop_notifications_sent_total\\{[^}]*type=\"ORDER_CONFIRMED\"[^}]*\\}");
  }

  @Test
  void servesTheOpenApiDocumentOfTheNotificationsApi() {
    assertThat(mvc.get().uri("/v3/api-docs"))
        .hasStatus(HttpStatus.OK)
        .bodyJson()
        .hasPathSatisfying(
            "$.info.title", title -> assertThat(title).isEqualTo("notification-service"))
        .hasPath("$.paths['/api/notifications'].get.responses['200']")
        .hasPath(
            "$.paths['/api/notifications'].get.responses['400'].content['application/problem+json']");
  }

  @Test
  void servesTheSwaggerUi() {
    assertThat(mvc.get().uri("/swagger-ui/index.html")).hasStatus(HttpStatus.OK);
  }

  private double sentConfirmations() {
    var counter = meters.find("shop.notifications.sent").tag("type", "ORDER_CONFIRMED").counter();
    return counter == null ? 0 : counter.count();
  }
}
