package io.github.shopsaga.payment;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serializes the handling of one order across consumer threads and instances, and remembers which
 * orders are cancelled.
 *
 * <p>A {@code StockReserved} and an {@code OrderCancelled} of the same order arrive on different
 * topics, so they may be handled at the same moment. Without a lock, the charge could commit just
 * after the cancellation looked for it and found nothing, and the order would stay charged.
 */
@Component
class OrderGuard {

  /** First half of the two-part advisory lock key; the two-part keys never meet single ones. */
  private static final int ORDER_LOCK_SPACE = 0x5041_594D; // "PAYM"

  private final JdbcClient jdbc;

  OrderGuard(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Holds the order's lock until the current transaction ends. */
  void lock(UUID orderId) {
    jdbc.sql("select 1 from pg_advisory_xact_lock(?, ?)")
        .params(ORDER_LOCK_SPACE, orderId.hashCode())
        .query(Integer.class)
        .single();
  }

  void recordCancelled(UUID orderId) {
    jdbc.sql("insert into cancelled_order (order_id) values (?) on conflict do nothing")
        .param(orderId)
        .update();
  }

  boolean isCancelled(UUID orderId) {
    return jdbc.sql("select exists (select 1 from cancelled_order where order_id = ?)")
        .param(orderId)
        .query(Boolean.class)
        .single();
  }
}
