package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SmtpOutageIntegrationTests extends IntegrationTestSupport {

  @Test
  void keepsTheEmailWhileTheServerIsDownAndSendsItOnceItIsBack() {
    UUID orderId = UUID.randomUUID();
    String customer = uniqueRecipient();
    UUID otherOrderId = UUID.randomUUID();
    String otherCustomer = uniqueRecipient();

    smtp.stop();
    try {
      send(confirmed(orderId, customer));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(notifications.findByOrderIdOrderByCreatedAt(orderId))
                      .singleElement()
                      .satisfies(
                          waiting -> {
                            assertThat(waiting.status()).isEqualTo(NotificationStatus.PENDING);
                            assertThat(waiting.attempts()).isPositive();
                            assertThat(waiting.lastError()).isNotBlank();
                            assertThat(waiting.sentAt()).isNull();
                          }));

      // The outage holds up no other order: its event is consumed and its e-mail waits too.
      send(confirmed(otherOrderId, otherCustomer));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(notifications.findByOrderIdOrderByCreatedAt(otherOrderId))
                      .singleElement()
                      .returns(NotificationStatus.PENDING, Notification::status));
    } finally {
      smtp.start();
    }

    var mail = awaitOneMailTo(customer);
    assertThat(mail).isNotNull();
    assertThat(bodyOf(mail)).contains(orderId.toString());
    awaitOneMailTo(otherCustomer);
    assertThat(notifications.findByOrderIdOrderByCreatedAt(orderId))
        .singleElement()
        .satisfies(
            sent -> {
              assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
              assertThat(sent.sentAt()).isNotNull();
            });
  }
}
