package io.github.shopsaga.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read side of the orders API: plain queries without a transaction and without locks. Each
 * request is one query (two for a page: the page and the count).
 */
@Component
class OrderQueries {

  private final JdbcClient jdbc;

  OrderQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<OrderResponse> find(UUID id) {
    return jdbc
        .sql(
            """
            select %s
            from orders o join order_item i on i.order_id = o.id
            where o.id = ?
            order by i.line_no"""
                .formatted(OrderStore.ORDER_COLUMNS))
        .param(id)
        .query(OrderStore::readOrders)
        .values()
        .stream()
        .findFirst()
        .map(OrderResponse::of);
  }

  /** The orders with these ids, in no particular order. */
  List<OrderResponse> findAll(Collection<UUID> ids) {
    return jdbc
        .sql(
            """
            select %s
            from orders o join order_item i on i.order_id = o.id
            where o.id = any(?)
            order by o.id, i.line_no"""
                .formatted(OrderStore.ORDER_COLUMNS))
        .param(ids.toArray(UUID[]::new))
        .query(OrderStore::readOrders)
        .values()
        .stream()
        .map(OrderResponse::of)
        .toList();
  }

  /** A page of the customer's orders, newest first. */
  Page<OrderResponse> findByCustomer(String customerId, int page, int size) {
    long total =
        jdbc.sql("select count(*) from orders where customer_id = ?")
            .param(customerId)
            .query(Long.class)
            .single();
    List<OrderResponse> content =
        jdbc
            .sql(
                """
                select %s
                from (select id from orders where customer_id = ?
                      order by created_at desc, id desc limit ? offset ?) page
                  join orders o on o.id = page.id
                  join order_item i on i.order_id = o.id
                order by o.created_at desc, o.id desc, i.line_no"""
                    .formatted(OrderStore.ORDER_COLUMNS))
            .params(customerId, size, (long) page * size)
            .query(OrderStore::readOrders)
            .values()
            .stream()
            .map(OrderResponse::of)
            .toList();
    return new PageImpl<>(content, PageRequest.of(page, size), total);
  }

  /** The customer's orders changed at or after {@code since}, oldest change first. */
  List<OrderResponse> changedSince(String customerId, Instant since) {
    return jdbc
        .sql(
            """
            select %s
            from orders o join order_item i on i.order_id = o.id
            where o.customer_id = ? and o.updated_at >= ?
            order by o.updated_at, o.id, i.line_no"""
                .formatted(OrderStore.ORDER_COLUMNS))
        .params(customerId, OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
        .query(OrderStore::readOrders)
        .values()
        .stream()
        .map(OrderResponse::of)
        .toList();
  }

  /**
   * The order's history, oldest first by when each event occurred (ties in the order they were
   * recorded), or empty if there is no such order.
   */
  Optional<List<OrderEventResponse>> history(UUID orderId) {
    return jdbc.sql(
            """
            select h.type, h.occurred_at, h.event_id, h.reason, h.amount, h.currency
            from orders o left join order_history h on h.order_id = o.id
            where o.id = ?
            order by h.occurred_at, h.event_id""")
        .param(orderId)
        .query(OrderQueries::readHistory);
  }

  private static Optional<List<OrderEventResponse>> readHistory(ResultSet rows)
      throws SQLException {
    if (!rows.next()) {
      return Optional.empty();
    }
    List<OrderEventResponse> entries = new ArrayList<>();
    do {
      String type = rows.getString("type");
      if (type != null) {
        entries.add(
            new OrderEventResponse(
                type,
                rows.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rows.getObject("event_id", UUID.class),
                rows.getString("reason"),
                rows.getBigDecimal("amount"),
                rows.getString("currency")));
      }
    } while (rows.next());
    return Optional.of(List.copyOf(entries));
  }
}
