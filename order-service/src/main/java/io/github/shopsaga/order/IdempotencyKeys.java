package io.github.shopsaga.order;

import static io.github.shopsaga.messaging.SqlArrays.texts;
import static io.github.shopsaga.messaging.SqlArrays.uuids;

import io.github.shopsaga.messaging.SqlWrites;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** A customer's key. */
  record Key(String customerId, String key) {}

  /** What a request with the key recorded: its body's hash and its order. */
  record Claim(String requestHash, UUID orderId) {}

  /** Inserts the claims of {@link #columns}. */
  private static final String INSERT =
      """
      insert into idempotency_key (customer_id, key, request_hash, order_id)
      select * from unnest(?::text[], ?::text[], ?::text[], ?::uuid[])""";

  /** The parameters of {@link #INSERT}: the claims of these keys, column by column. */
  private static Object[] columns(List<Key> keys, Map<Key, Claim> claims) {
    return new Object[] {
      texts(keys, Key::customerId),
      texts(keys, Key::key),
      texts(keys, key -> claims.get(key).requestHash()),
      uuids(keys, key -> claims.get(key).orderId())
    };
  }

  /**
   * Adds the claims of keys taken to be new to {@code writes}: if one was used before, the
   * statement fails on the key's primary key ({@code DuplicateKeyException}), and the transaction
   * must be rolled back and the keys claimed with {@link #claimAll} instead.
   */
  void claimAllAsNew(Map<Key, Claim> claims, SqlWrites writes) {
    if (claims.isEmpty()) {
      return;
    }
    writes.add(INSERT, columns(List.copyOf(claims.keySet()), claims));
  }

  /**
   * Claims the keys for new orders, each key once; returns the earlier claims of the keys that were
   * used before (those requests are replays). Must run in the transaction that stores the orders.
   */
  Map<Key, Claim> claimAll(Map<Key, Claim> claims) {
    Map<Key, Claim> earlier = new HashMap<>();
    if (claims.isEmpty()) {
      return earlier;
    }
    List<Key> keys = List.copyOf(claims.keySet());
    Set<Key> claimed =
        new HashSet<>(
            jdbc.sql(
                    INSERT
                        + " on conflict (customer_id, key) do nothing returning customer_id, key")
                .params(columns(keys, claims))
                .query((row, _) -> new Key(row.getString(1), row.getString(2)))
                .list());
    List<Key> taken = keys.stream().filter(key -> !claimed.contains(key)).toList();
    if (!taken.isEmpty()) {
      jdbc.sql(
              """
              select i.customer_id, i.key, i.request_hash, i.order_id
              from idempotency_key i
                join unnest(?::text[], ?::text[]) as k (customer_id, key)
                  on i.customer_id = k.customer_id and i.key = k.key""")
          .params(texts(taken, Key::customerId), texts(taken, Key::key))
          .query(
              (row, _) ->
                  earlier.put(
                      new Key(row.getString(1), row.getString(2)),
                      new Claim(row.getString(3), row.getObject(4, UUID.class))))
          .list();
    }
    return earlier;
  }
}
