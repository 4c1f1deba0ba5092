package io.github.shopsaga.order;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Idempotency-Key of each customer and the request it first came with.
 *
 * <p>A key is claimed in the transaction that stores its order. Two requests racing with the same
 * key meet at the table's primary key: PostgreSQL makes the second insert wait for the first
 * transaction, then reports the conflict, and the second request reads the winner's row (visible to
 * its next statement under READ COMMITTED) instead of creating a second order.
 */
@Component
class IdempotencyKeys {

  private final JdbcClient jdbc;

  IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What an earlier request with the key recorded: its body's hash and its order. */
  record Claim(String requestHash, UUID orderId) {}

  /**
   * Claims the key for a new order; returns the earlier claim instead if the key was used before.
   * Must run in the transaction that stores the order.
   */
  Optional<Claim> claim(String customerId, String key, String requestHash, UUID orderId) {
    int inserted =
        jdbc.sql(
                """
                insert into idempotency_key (customer_id, key, request_hash, order_id)
                values (?, ?, ?, ?)
                on conflict (customer_id, key) do nothing
                """)
            .params(customerId, key, requestHash, orderId)
            .update();
    if (inserted == 1) {
      return Optional.empty();
    }
    return Optional.of(
        jdbc.sql(
                "select request_hash, order_id from idempotency_key where customer_id = ? and key = ?")
            .params(customerId, key)
            .query(Claim.class)
            .single());
  }
}
