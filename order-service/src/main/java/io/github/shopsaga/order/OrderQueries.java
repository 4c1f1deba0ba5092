package io.github.shopsaga.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read side of {@code GET /api/orders/{id}}: the order and its lines in one query, without a
 * transaction and without loading the aggregate. Clients follow an order by polling it, which makes
 * this the service's most frequent request; through JPA it took a transaction and two queries.
 */
@Component
class OrderQueries {

  private final JdbcClient jdbc;

  OrderQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<OrderResponse> find(UUID id) {
    return jdbc.sql(
            """
            select o.id, o.customer_id, o.customer_email, o.status, o.failure_reason, o.total,
                   o.currency, o.created_at, o.updated_at, i.sku, i.quantity, i.unit_price
            from orders o left join order_item i on i.order_id = o.id
            where o.id = ?
            order by i.line_no""")
        .param(id)
        .query(OrderQueries::read);
  }

  /** One row per line (one row with null line columns for an order without lines). */
  private static Optional<OrderResponse> read(ResultSet rows) throws SQLException {
    if (!rows.next()) {
      return Optional.empty();
    }
    UUID id = rows.getObject("id", UUID.class);
    String customerId = rows.getString("customer_id");
    String customerEmail = rows.getString("customer_email");
    OrderStatus status = OrderStatus.valueOf(rows.getString("status"));
    String failureReason = rows.getString("failure_reason");
    BigDecimal total = rows.getBigDecimal("total");
    String currency = rows.getString("currency");
    Instant createdAt = instant(rows, "created_at");
    Instant updatedAt = instant(rows, "updated_at");
    List<OrderResponse.Item> items = new ArrayList<>();
    do {
      String sku = rows.getString("sku");
      if (sku != null) {
        items.add(
            new OrderResponse.Item(sku, rows.getInt("quantity"), rows.getBigDecimal("unit_price")));
      }
    } while (rows.next());
    return Optional.of(
        new OrderResponse(
            id,
            customerId,
            customerEmail,
            status,
            failureReason == null ? null : FailureReason.valueOf(failureReason),
            List.copyOf(items),
            total,
            currency,
            createdAt,
            updatedAt));
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }
}
