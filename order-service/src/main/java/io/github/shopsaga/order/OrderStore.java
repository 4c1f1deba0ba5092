package io.github.shopsaga.order;

import static io.github.shopsaga.messaging.SqlArrays.decimals;
import static io.github.shopsaga.messaging.SqlArrays.ints;
import static io.github.shopsaga.messaging.SqlArrays.texts;
import static io.github.shopsaga.messaging.SqlArrays.timestamps;
import static io.github.shopsaga.messaging.SqlArrays.uuids;

import io.github.shopsaga.messaging.SqlWrites;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Orders in PostgreSQL, written a batch at a time: whatever the number of orders, storing new ones
 * takes two statements, loading and locking them one, writing back their changes two, and their
 * history one. Each runs in the caller's transaction.
 */
@Component
class OrderStore {

  /** The columns {@link #readOrders} maps: an order joined with its lines. */
  static final String ORDER_COLUMNS =
      """
      o.id, o.customer_id, o.customer_email, o.status, o.failure_reason, o.total, o.currency,
      o.payment_id, o.created_at, o.updated_at, o.deadline, i.sku, i.quantity, i.unit_price""";

  private final JdbcClient jdbc;

  OrderStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the writes of new, PENDING orders and their lines. */
  void insertAll(List<Order> orders, SqlWrites writes) {
    if (orders.isEmpty()) {
      return;
    }
    writes.add(
        """
            insert into orders
              (id, customer_id, customer_email, status, currency, created_at, updated_at,
               deadline, version)
            select id, customer_id, customer_email, status, currency, created_at, created_at,
                   deadline, 0
            from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                        ?::timestamptz[])
              as o (id, customer_id, customer_email, status, currency, created_at, deadline)""",
        uuids(orders, Order::id),
        texts(orders, Order::customerId),
        texts(orders, Order::customerEmail),
        texts(orders, Order::status),
        texts(orders, Order::currency),
        timestamps(orders, Order::createdAt),
        timestamps(orders, Order::deadline));
    record Line(UUID orderId, int lineNo, OrderItem item) {}
    List<Line> lines = new ArrayList<>();
    for (Order order : orders) {
      List<OrderItem> items = order.items();
      for (int lineNo = 0; lineNo < items.size(); lineNo++) {
        lines.add(new Line(order.id(), lineNo, items.get(lineNo)));
      }
    }
    writes.add(
        """
            insert into order_item (order_id, line_no, sku, quantity)
            select * from unnest(?::uuid[], ?::int[], ?::text[], ?::int[])""",
        uuids(lines, Line::orderId),
        ints(lines, Line::lineNo),
        texts(lines, line -> line.item().sku()),
        ints(lines, line -> line.item().quantity()));
  }

  /**
   * The orders with these ids (unknown ones are missing from the map), row-locked in id order until
   * the transaction ends: changes of one order, and so its events in the outbox, happen one after
   * the other, whichever listener, request or instance makes them.
   */
  Map<UUID, Order> lockAll(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql(
            """
            select %s
            from orders o join order_item i on i.order_id = o.id
            where o.id = any(?)
            order by o.id, i.line_no
            for no key update of o"""
                .formatted(ORDER_COLUMNS))
        .param(ids.toArray(UUID[]::new))
        .query(OrderStore::readOrders);
  }

  /**
   * Up to {@code limit} orders whose saga still runs past its deadline, oldest deadline first,
   * row-locked until the transaction ends. Rows another transaction holds (a listener applying an
   * event, another instance's sweep) are skipped, not waited for: they are picked up next time if
   * still due.
   */
  List<Order> lockDue(Instant now, int limit) {
    return List.copyOf(
        jdbc.sql(
                """
                with due as (
                  select id, deadline from orders
                  where saga_running and deadline <= ?::timestamptz
                  order by deadline
                  limit ?
                  for no key update skip locked)
                select %s
                from due join orders o on o.id = due.id join order_item i on i.order_id = o.id
                order by due.deadline, o.id, i.line_no"""
                    .formatted(ORDER_COLUMNS))
            .params(now.toString(), limit)
            .query(OrderStore::readOrders)
            .values());
  }

  /** Adds the writes of the orders that reactions changed, and of the prices newly set. */
  void updateAll(Collection<Order> orders, SqlWrites writes) {
    List<Order> changed = orders.stream().filter(Order::isChanged).toList();
    if (changed.isEmpty()) {
      return;
    }
    writes.add(
        """
            update orders o
            set status = v.status, failure_reason = v.failure_reason, total = v.total,
                payment_id = v.payment_id, updated_at = v.updated_at, version = o.version + 1
            from unnest(?::uuid[], ?::text[], ?::text[], ?::numeric[], ?::uuid[],
                        ?::timestamptz[])
              as v (id, status, failure_reason, total, payment_id, updated_at)
            where o.id = v.id""",
        uuids(changed, Order::id),
        texts(changed, Order::status),
        texts(changed, Order::failureReason),
        decimals(changed, Order::total),
        uuids(changed, Order::paymentId),
        timestamps(changed, Order::updatedAt));
    record Price(UUID orderId, int lineNo, BigDecimal unitPrice) {}
    List<Price> prices = new ArrayList<>();
    for (Order order : changed) {
      if (order.isRepriced()) {
        List<OrderItem> items = order.items();
        for (int lineNo = 0; lineNo < items.size(); lineNo++) {
          prices.add(new Price(order.id(), lineNo, items.get(lineNo).unitPrice()));
        }
      }
    }
    if (!prices.isEmpty()) {
      writes.add(
          """
              update order_item i set unit_price = v.unit_price
              from unnest(?::uuid[], ?::int[], ?::numeric[]) as v (order_id, line_no, unit_price)
              where i.order_id = v.order_id and i.line_no = v.line_no""",
          uuids(prices, Price::orderId),
          ints(prices, Price::lineNo),
          decimals(prices, Price::unitPrice));
    }
  }

  /**
   * Adds the write of the entries to their orders' histories; an event already there is not added
   * again.
   */
  void appendHistory(List<OrderHistoryEntry> entries, SqlWrites writes) {
    if (entries.isEmpty()) {
      return;
    }
    writes.add(
        """
            insert into order_history
              (order_id, event_id, type, occurred_at, reason, amount, currency)
            select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::timestamptz[], ?::text[],
                                 ?::numeric[], ?::text[])
            on conflict (order_id, event_id) do nothing""",
        uuids(entries, OrderHistoryEntry::orderId),
        uuids(entries, OrderHistoryEntry::eventId),
        texts(entries, OrderHistoryEntry::type),
        timestamps(entries, OrderHistoryEntry::occurredAt),
        texts(entries, OrderHistoryEntry::reason),
        decimals(entries, OrderHistoryEntry::amount),
        texts(entries, OrderHistoryEntry::currency));
  }

  /**
   * Reads {@link #ORDER_COLUMNS} rows, one per line and ordered by order, into orders by id, in the
   * rows' order.
   */
  static Map<UUID, Order> readOrders(ResultSet rows) throws SQLException {
    Map<UUID, Order> orders = new LinkedHashMap<>();
    OrderRow order = null;
    List<OrderItem> items = new ArrayList<>();
    while (rows.next()) {
      UUID id = rows.getObject("id", UUID.class);
      if (order == null || !order.id().equals(id)) {
        if (order != null) {
          orders.put(order.id(), order.with(items));
        }
        order = OrderRow.read(id, rows);
        items = new ArrayList<>();
      }
      items.add(
          new OrderItem(
              rows.getString("sku"), rows.getInt("quantity"), rows.getBigDecimal("unit_price")));
    }
    if (order != null) {
      orders.put(order.id(), order.with(items));
    }
    return orders;
  }

  /** The columns of the order itself, repeated on each of its lines' rows. */
  private record OrderRow(
      UUID id,
      String customerId,
      String customerEmail,
      OrderStatus status,
      FailureReason failureReason,
      BigDecimal total,
      String currency,
      UUID paymentId,
      Instant createdAt,
      Instant updatedAt,
      Instant deadline) {

    static OrderRow read(UUID id, ResultSet rows) throws SQLException {
      String failureReason = rows.getString("failure_reason");
      return new OrderRow(
          id,
          rows.getString("customer_id"),
          rows.getString("customer_email"),
          OrderStatus.valueOf(rows.getString("status")),
          failureReason == null ? null : FailureReason.valueOf(failureReason),
          rows.getBigDecimal("total"),
          rows.getString("currency"),
          rows.getObject("payment_id", UUID.class),
          instant(rows, "created_at"),
          instant(rows, "updated_at"),
          instant(rows, "deadline"));
    }

    Order with(List<OrderItem> items) {
      return Order.restore(
          id,
          customerId,
          customerEmail,
          status,
          failureReason,
          items,
          total,
          currency,
          paymentId,
          createdAt,
          updatedAt,
          deadline);
    }
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
