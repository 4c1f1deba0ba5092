package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import io.github.shopsaga.web.WebSupportAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(NotificationController.class)
// web-support's problem handling is an auto-configuration outside the Web MVC slice's list.
@ImportAutoConfiguration(WebSupportAutoConfiguration.class)
class NotificationControllerTests {

  @Autowired MockMvcTester mvc;

  @MockitoBean NotificationRepository notifications;

  @Test
  void listsTheNotificationsOfAnOrderWithSentAtNullWhilePending() {
    UUID orderId = UUID.randomUUID();
    Instant now = Instant.parse("2026-11-23T10:15:30Z");
    var confirmed =
        Notification.pending(
            orderId,
            "alice",
            NotificationType.ORDER_CONFIRMED,
            "alice@example.com",
            new Email("Your order is confirmed", "body"),
            now);
    confirmed.markSent(now.plusSeconds(1));
    var cancelled =
        Notification.pending(
            orderId,
            "alice",
            NotificationType.ORDER_CANCELLED,
            "alice@example.com",
            new Email("Your order was cancelled", "body"),
            now.plusSeconds(5));
    given(notifications.findByOrderIdOrderByCreatedAt(orderId))
        .willReturn(List.of(confirmed, cancelled));

    var response = mvc.get().uri("/api/notifications?orderId={id}", orderId).exchange();

    assertThat(response).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    assertThat(response)
        .bodyJson()
        .isLenientlyEqualTo(
            """
            [{"id":"%s","orderId":"%s","type":"ORDER_CONFIRMED","recipient":"alice@example.com",
              "subject":"Your order is confirmed","sentAt":"2026-11-23T10:15:31Z"},
             {"id":"%s","orderId":"%s","type":"ORDER_CANCELLED","recipient":"alice@example.com",
              "subject":"Your order was cancelled","sentAt":null}]
            """
                .formatted(confirmed.id(), orderId, cancelled.id(), orderId));
    assertThat(response).bodyJson().extractingPath("$[0]").asMap().doesNotContainKey("body");
  }

  @Test
  void answersAnEmptyArrayForAnOrderWithoutNotifications() {
    var response = mvc.get().uri("/api/notifications?orderId={id}", UUID.randomUUID()).exchange();

    assertThat(response).hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
  }

  @Test
  void rejectsAMissingOrderIdWithAProblem() {
    var response = mvc.get().uri("/api/notifications").exchange();

    assertThat(response)
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response).bodyJson().extractingPath("$.status").isEqualTo(400);
  }

  @Test
  void rejectsAnOrderIdThatIsNotAUuidWithAProblem() {
    var response = mvc.get().uri("/api/notifications?orderId=not-a-uuid").exchange();

    assertThat(response)
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response).bodyJson().extractingPath("$.title").isNotNull();
  }
}
