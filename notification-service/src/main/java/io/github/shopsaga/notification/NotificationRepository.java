package io.github.shopsaga.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface NotificationRepository extends JpaRepository<Notification, UUID> {

  List<Notification> findByOrderIdOrderByCreatedAt(UUID orderId);

  /**
   * Inserts the notification unless the order already has one of its type; returns whether it was
   * inserted. The unique key decides, so two events for the same outcome give one e-mail even when
   * they are processed at the same time.
   */
  default boolean insertIfAbsent(Notification n) {
    return insertIfAbsent(
            n.id(),
            n.orderId(),
            n.type().name(),
            n.recipient(),
            n.subject(),
            n.body(),
            n.nextAttemptAt(),
            n.createdAt())
        == 1;
  }

  @Modifying
  @Query(
      nativeQuery = true,
      value =
          """
          insert into notification
            (id, order_id, type, recipient, subject, body, status, attempts, next_attempt_at,
             created_at)
          values
            (:id, :orderId, :type, :recipient, :subject, :body, 'PENDING', 0, :nextAttemptAt,
             :createdAt)
          on conflict (order_id, type) do nothing
          """)
  int insertIfAbsent(
      @Param("id") UUID id,
      @Param("orderId") UUID orderId,
      @Param("type") String type,
      @Param("recipient") String recipient,
      @Param("subject") String subject,
      @Param("body") String body,
      @Param("nextAttemptAt") Instant nextAttemptAt,
      @Param("createdAt") Instant createdAt);

  /**
   * Locks up to {@code limit} pending e-mails that are due, skipping those another dispatcher
   * holds, so that no two instances pick the same row.
   */
  @Query(
      nativeQuery = true,
      value =
          """
          select * from notification
          where status = 'PENDING' and next_attempt_at <= :now
          order by next_attempt_at
          limit :limit
          for update skip locked
          """)
  List<Notification> lockDue(@Param("now") Instant now, @Param("limit") int limit);
}
