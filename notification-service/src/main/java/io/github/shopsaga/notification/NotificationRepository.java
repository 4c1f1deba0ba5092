package io.github.shopsaga.notification;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** What the API reads; the saga records and sends through {@link NotificationStore}. */
interface NotificationRepository extends JpaRepository<Notification, UUID> {

  List<Notification> findByOrderIdOrderByCreatedAt(UUID orderId);
}
