package io.github.shopsaga.payment;

import static io.github.shopsaga.messaging.SqlArrays.decimals;
import static io.github.shopsaga.messaging.SqlArrays.texts;
import static io.github.shopsaga.messaging.SqlArrays.timestamps;
import static io.github.shopsaga.messaging.SqlArrays.uuids;

import io.github.shopsaga.events.DeclineReason;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.messaging.SqlWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Payments, cancellations and balances in PostgreSQL, a batch at a time, in the caller's
 * transaction: one statement locks the batch's orders, one reads what payment knows of them, one
 * locks the accounts, and each kind of change is one write of the batch's single writing statement
 * ({@link SqlWrites}).
 *
 * <p>The orders are locked with transaction-scoped advisory locks, in key order. A {@code
 * StockReserved} and an {@code OrderCancelled} of the same order travel on different topics: were
 * they handled at the same moment (another instance, a rebalance), the charge could commit just
 * after the cancellation looked for a payment and found none, and the order would stay charged. The
 * lock also covers the orders payment has no row for yet, which a row lock could not.
 */
@Component
class PaymentStore {

  /** First half of the two-part advisory lock keys; two-part keys never meet single ones. */
  private static final int ORDER_LOCK_SPACE = 0x5041_594D; // "PAYM"

  /** What payment knows of an order: whether it is cancelled, and its payment, if any. */
  record OrderState(boolean cancelled, Payment payment) {}

  private final JdbcClient jdbc;

  PaymentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Holds the orders' locks until the transaction ends, taken in key order. */
  void lockOrders(Collection<UUID> orderIds) {
    int[] keys = orderIds.stream().mapToInt(UUID::hashCode).distinct().sorted().toArray();
    jdbc.sql(
            """
            select count(pg_advisory_xact_lock(?, key))
            from (select unnest(?::int[]) as key order by 1) as sorted""")
        .params(ORDER_LOCK_SPACE, keys)
        .query(Long.class)
        .single();
  }

  /** Whether each order is cancelled, and its payment; orders payment never heard of included. */
  Map<UUID, OrderState> orders(Collection<UUID> orderIds) {
    Map<UUID, OrderState> orders = new HashMap<>();
    jdbc.sql(
            """
            select o.order_id, c.order_id is not null as cancelled, p.payment_id, p.customer_id,
                   p.amount, p.currency, p.status, p.reason, p.created_at, p.updated_at
            from unnest(?::uuid[]) as o (order_id)
              left join cancelled_order c on c.order_id = o.order_id
              left join payment p on p.order_id = o.order_id""")
        .param(orderIds.toArray(UUID[]::new))
        .query(
            (row, _) -> {
              UUID orderId = row.getObject("order_id", UUID.class);
              orders.put(
                  orderId, new OrderState(row.getBoolean("cancelled"), payment(orderId, row)));
              return orderId;
            })
        .list();
    return orders;
  }

  /** The accounts of these customers (unknown ones are missing), locked in id order. */
  Map<String, Account> lockAccounts(Set<String> customerIds) {
    Map<String, Account> accounts = new HashMap<>();
    if (customerIds.isEmpty()) {
      return accounts;
    }
    jdbc.sql(
            """
            select customer_id, balance from account where customer_id = any(?)
            order by customer_id
            for no key update""")
        .param(customerIds.toArray(String[]::new))
        .query((row, _) -> Account.restore(row.getString(1), row.getBigDecimal(2)))
        .list()
        .forEach(account -> accounts.put(account.customerId(), account));
    return accounts;
  }

  /**
   * Adds the writes of new payments, refunds, cancellations and changed balances. A payment settled
   * and refunded in the same batch is in {@code settled} only, inserted as refunded: one statement
   * touches each row once.
   */
  void storeAll(
      List<Payment> settled,
      List<Payment> refunded,
      Collection<UUID> cancelled,
      Collection<Account> accounts,
      SqlWrites writes) {
    if (!settled.isEmpty()) {
      writes.add(
          """
          insert into payment
            (payment_id, order_id, customer_id, amount, currency, status, reason, created_at,
             updated_at)
          select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::numeric[], ?::text[],
                               ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])""",
          uuids(settled, Payment::getId),
          uuids(settled, Payment::orderId),
          texts(settled, Payment::customerId),
          decimals(settled, payment -> payment.money().amount()),
          texts(settled, payment -> payment.money().currency()),
          texts(settled, Payment::status),
          texts(settled, Payment::reason),
          timestamps(settled, Payment::createdAt),
          timestamps(settled, Payment::updatedAt));
    }
    if (!refunded.isEmpty()) {
      writes.add(
          """
          update payment p set status = v.status, updated_at = v.updated_at
          from unnest(?::uuid[], ?::text[], ?::timestamptz[]) as v (payment_id, status, updated_at)
          where p.payment_id = v.payment_id""",
          uuids(refunded, Payment::getId),
          texts(refunded, Payment::status),
          timestamps(refunded, Payment::updatedAt));
    }
    if (!cancelled.isEmpty()) {
      writes.add(
          """
          insert into cancelled_order (order_id) select unnest(?::uuid[])
          on conflict do nothing""",
          (Object) cancelled.toArray(UUID[]::new));
    }
    List<Account> changed = accounts.stream().filter(Account::isChanged).toList();
    if (!changed.isEmpty()) {
      writes.add(
          """
          update account a set balance = v.balance
          from unnest(?::text[], ?::numeric[]) as v (customer_id, balance)
          where a.customer_id = v.customer_id""",
          texts(changed, Account::customerId),
          decimals(changed, Account::balance));
    }
  }

  private static Payment payment(UUID orderId, ResultSet row) throws SQLException {
    UUID paymentId = row.getObject("payment_id", UUID.class);
    if (paymentId == null) {
      return null;
    }
    String reason = row.getString("reason");
    return Payment.restore(
        paymentId,
        orderId,
        row.getString("customer_id"),
        new Money(row.getBigDecimal("amount"), row.getString("currency")),
        PaymentStatus.valueOf(row.getString("status")),
        reason == null ? null : DeclineReason.valueOf(reason),
        instant(row, "created_at"),
        instant(row, "updated_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }
}
