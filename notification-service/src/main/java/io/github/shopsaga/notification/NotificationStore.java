package io.github.shopsaga.notification;

import static io.github.shopsaga.messaging.SqlArrays.ints;
import static io.github.shopsaga.messaging.SqlArrays.texts;
import static io.github.shopsaga.messaging.SqlArrays.timestamps;
import static io.github.shopsaga.messaging.SqlArrays.uuids;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Notifications in PostgreSQL, a batch at a time: recording a poll's e-mails, claiming the due ones
 * and recording a dispatch round's outcomes each take one statement, whatever their number.
 */
@Component
class NotificationStore {

  private final JdbcClient jdbc;

  NotificationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the notifications, skipping those whose order has one of their type already (the unique
   * key decides, also between concurrent batches); returns the ones recorded.
   */
  List<Notification> insertAll(List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return List.of();
    }
    Set<UUID> inserted =
        new HashSet<>(
            jdbc.sql(
                    """
                    insert into notification
                      (id, order_id, customer_id, type, recipient, subject, body, status,
                       attempts, next_attempt_at, created_at)
                    select id, order_id, customer_id, type, recipient, subject, body, 'PENDING',
                           0, next_attempt_at, created_at
                    from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::timestamptz[], ?::timestamptz[])
                      as n (id, order_id, customer_id, type, recipient, subject, body,
                            next_attempt_at, created_at)
                    on conflict (order_id, type) do nothing
                    returning id""")
                .params(
                    uuids(notifications, Notification::id),
                    uuids(notifications, Notification::orderId),
                    texts(notifications, Notification::customerId),
                    texts(notifications, Notification::type),
                    texts(notifications, Notification::recipient),
                    texts(notifications, Notification::subject),
                    texts(notifications, Notification::body),
                    timestamps(notifications, Notification::nextAttemptAt),
                    timestamps(notifications, Notification::createdAt))
                .query(UUID.class)
                .list());
    return notifications.stream().filter(n -> inserted.contains(n.id())).toList();
  }

  /**
   * Claims up to {@code limit} pending e-mails that are due (a retry, or the claim of a dispatcher
   * that died ran out) until {@code until}, skipping rows another dispatcher is claiming, so that
   * no two instances pick the same row.
   */
  List<Notification> claimDue(Instant now, Instant until, int limit) {
    return jdbc.sql(
            """
            update notification set next_attempt_at = ?::timestamptz
            where id in (select id from notification
                         where status = 'PENDING' and next_attempt_at <= ?::timestamptz
                         order by next_attempt_at
                         limit ?
                         for update skip locked)
            returning *""")
        .params(until.toString(), now.toString(), limit)
        .query((row, _) -> read(row))
        .list();
  }

  /**
   * Writes what a dispatch round did to each e-mail: sent, failed and to be retried, or given up.
   * An e-mail another instance finished meanwhile is left as it is.
   */
  void recordOutcomes(Collection<Notification> notifications) {
    if (notifications.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            update notification n
            set status = v.status, attempts = v.attempts, next_attempt_at = v.next_attempt_at,
                last_error = v.last_error, sent_at = v.sent_at
            from unnest(?::uuid[], ?::text[], ?::int[], ?::timestamptz[], ?::text[],
                        ?::timestamptz[])
              as v (id, status, attempts, next_attempt_at, last_error, sent_at)
            where n.id = v.id and n.status = 'PENDING'""")
        .params(
            uuids(notifications, Notification::id),
            texts(notifications, Notification::status),
            ints(notifications, Notification::attempts),
            timestamps(notifications, Notification::nextAttemptAt),
            texts(notifications, Notification::lastError),
            timestamps(notifications, Notification::sentAt))
        .update();
  }

  private static Notification read(ResultSet row) throws SQLException {
    return Notification.restore(
        row.getObject("id", UUID.class),
        row.getObject("order_id", UUID.class),
        row.getString("customer_id"),
        NotificationType.valueOf(row.getString("type")),
        row.getString("recipient"),
        row.getString("subject"),
        row.getString("body"),
        NotificationStatus.valueOf(row.getString("status")),
        row.getInt("attempts"),
        instant(row, "next_attempt_at"),
        row.getString("last_error"),
        instant(row, "created_at"),
        instant(row, "sent_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
