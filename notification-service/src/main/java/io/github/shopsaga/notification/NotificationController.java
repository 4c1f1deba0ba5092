package io.github.shopsaga.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What each customer was told about an order. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

  private final NotificationRepository notifications;

  NotificationController(NotificationRepository notifications) {
    this.notifications = notifications;
  }

  /** The order's notifications, oldest first; {@code sentAt} is null while the e-mail waits. */
  @GetMapping
  List<NotificationView> byOrder(@RequestParam UUID orderId) {
    return notifications.findByOrderIdOrderByCreatedAt(orderId).stream()
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
