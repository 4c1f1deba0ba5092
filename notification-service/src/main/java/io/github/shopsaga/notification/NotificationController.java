package io.github.shopsaga.notification;

import static io.github.shopsaga.notification.ApiExamples.NOTIFICATIONS;

import io.github.shopsaga.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What each customer was told about an order. */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications")
class NotificationController {

  private final NotificationRepository notifications;

  NotificationController(NotificationRepository notifications) {
    this.notifications = notifications;
  }

  /** The order's notifications, oldest first; {@code sentAt} is null while the e-mail waits. */
  @Operation(
      summary = "The notifications of an order",
      description =
          """
          Oldest first; at most one per type. `sentAt` is null while the e-mail still waits \
          for the SMTP server.""")
  @ApiResponse(
      responseCode = "200",
      description = "The order's notifications",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              examples = @ExampleObject(name = "confirmed", value = NOTIFICATIONS)))
  @ApiResponse(responseCode = "400", description = "orderId missing or not a UUID")
  @GetMapping
  List<NotificationView> byOrder(@RequestParam UUID orderId, Caller caller) {
    // Another customer's order has no notifications to show, as an unknown one.
    return notifications.findByOrderIdOrderByCreatedAt(orderId).stream()
        .filter(notification -> caller.maySeeOf(notification.customerId()))
        .map(NotificationView::of)
        .toList();
  }

  record NotificationView(
      UUID id,
      UUID orderId,
      NotificationType type,
      String recipient,
      String subject,
      Instant sentAt) {

    static NotificationView of(Notification notification) {
      return new NotificationView(
          notification.id(),
          notification.orderId(),
          notification.type(),
          notification.recipient(),
          notification.subject(),
          notification.sentAt());
    }
  }
}
