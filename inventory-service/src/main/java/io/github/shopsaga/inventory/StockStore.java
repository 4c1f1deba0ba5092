package io.github.shopsaga.inventory;

import static io.github.shopsaga.messaging.SqlArrays.decimals;
import static io.github.shopsaga.messaging.SqlArrays.ints;
import static io.github.shopsaga.messaging.SqlArrays.texts;
import static io.github.shopsaga.messaging.SqlArrays.timestamps;
import static io.github.shopsaga.messaging.SqlArrays.uuids;

import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.messaging.SqlWrites;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reservations and stock in PostgreSQL, a batch at a time: one statement loads and locks the
 * batch's reservations, one its products, and each kind of change is one write of the batch's
 * single writing statement ({@link SqlWrites}), whatever the number of orders. Runs in the caller's
 * transaction.
 *
 * <p>Locks are taken in one order everywhere: reservations before products, each by key. Two
 * batches that touch the same rows (another instance's, a restock) queue on them instead of
 * deadlocking.
 */
@Component
class StockStore {

  private final JdbcClient jdbc;

  StockStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The reservations of these orders (unknown ones are missing), locked in order id order. */
  Map<UUID, Reservation> lockReservations(Collection<UUID> orderIds) {
    return jdbc.sql(
            """
            select r.order_id, r.status, r.customer_id, r.total, r.currency, r.rejection_reason,
                   r.created_at, r.updated_at, l.sku, l.quantity, l.unit_price
            from reservation r left join reservation_line l on l.order_id = r.order_id
            where r.order_id = any(?)
            order by r.order_id, l.sku
            for no key update of r""")
        .param(orderIds.toArray(UUID[]::new))
        .query(StockStore::readReservations);
  }

  /** The products with these skus (unknown ones are missing), locked in sku order. */
  Map<String, Product> lockProducts(Collection<String> skus) {
    Map<String, Product> products = new HashMap<>();
    if (skus.isEmpty()) {
      return products;
    }
    jdbc.sql(
            """
            select sku, name, unit_price, available, reserved from product
            where sku = any(?)
            order by sku
            for no key update""")
        .param(skus.toArray(String[]::new))
        .query(
            (row, _) ->
                Product.restore(
                    row.getString("sku"),
                    row.getString("name"),
                    row.getBigDecimal("unit_price"),
                    row.getInt("available"),
                    row.getInt("reserved")))
        .list()
        .forEach(product -> products.put(product.sku(), product));
    return products;
  }

  /** Adds the writes of new reservations with their lines, changed states, and changed stock. */
  void storeAll(
      Collection<Reservation> reservations, Collection<Product> products, SqlWrites writes) {
    List<Reservation> fresh = reservations.stream().filter(Reservation::isNew).toList();
    if (!fresh.isEmpty()) {
      writes.add(
          """
          insert into reservation
            (order_id, status, customer_id, total, currency, rejection_reason, created_at,
             updated_at)
          select * from unnest(?::uuid[], ?::text[], ?::text[], ?::numeric[], ?::text[],
                               ?::text[], ?::timestamptz[], ?::timestamptz[])""",
          uuids(fresh, Reservation::orderId),
          texts(fresh, Reservation::status),
          texts(fresh, Reservation::customerId),
          decimals(fresh, Reservation::totalAmount),
          texts(fresh, Reservation::currency),
          texts(fresh, Reservation::rejectionReason),
          timestamps(fresh, Reservation::createdAt),
          timestamps(fresh, Reservation::updatedAt));
      record Line(UUID orderId, ReservationLine line) {}
      List<Line> lines = new ArrayList<>();
      fresh.forEach(r -> r.lines().forEach(line -> lines.add(new Line(r.orderId(), line))));
      if (!lines.isEmpty()) {
        writes.add(
            """
            insert into reservation_line (order_id, sku, quantity, unit_price)
            select * from unnest(?::uuid[], ?::text[], ?::int[], ?::numeric[])""",
            uuids(lines, Line::orderId),
            texts(lines, line -> line.line().sku()),
            ints(lines, line -> line.line().quantity()),
            decimals(lines, line -> line.line().unitPrice()));
      }
    }
    // New reservations are inserted above, never updated: one statement touches each row once.
    List<Reservation> changed =
        reservations.stream().filter(r -> !r.isNew() && r.isChanged()).toList();
    if (!changed.isEmpty()) {
      writes.add(
          """
          update reservation r set status = v.status, updated_at = v.updated_at
          from unnest(?::uuid[], ?::text[], ?::timestamptz[]) as v (order_id, status, updated_at)
          where r.order_id = v.order_id""",
          uuids(changed, Reservation::orderId),
          texts(changed, Reservation::status),
          timestamps(changed, Reservation::updatedAt));
    }
    List<Product> restocked = products.stream().filter(Product::isChanged).toList();
    if (!restocked.isEmpty()) {
      writes.add(
          """
          update product p set available = v.available, reserved = v.reserved
          from unnest(?::text[], ?::int[], ?::int[]) as v (sku, available, reserved)
          where p.sku = v.sku""",
          texts(restocked, Product::sku),
          ints(restocked, Product::available),
          ints(restocked, Product::reserved));
    }
  }

  /** Reads rows of a reservation joined with its lines (none for a tombstone or a rejection). */
  private static Map<UUID, Reservation> readReservations(ResultSet rows) throws SQLException {
    Map<UUID, Reservation> reservations = new HashMap<>();
    ReservationRow reservation = null;
    List<ReservationLine> lines = new ArrayList<>();
    while (rows.next()) {
      UUID orderId = rows.getObject("order_id", UUID.class);
      if (reservation == null || !reservation.orderId().equals(orderId)) {
        if (reservation != null) {
          reservations.put(reservation.orderId(), reservation.with(lines));
        }
        reservation = ReservationRow.read(orderId, rows);
        lines = new ArrayList<>();
      }
      String sku = rows.getString("sku");
      if (sku != null) {
        lines.add(
            new ReservationLine(sku, rows.getInt("quantity"), rows.getBigDecimal("unit_price")));
      }
    }
    if (reservation != null) {
      reservations.put(reservation.orderId(), reservation.with(lines));
    }
    return reservations;
  }

  /** The columns of the reservation itself, repeated on each of its lines' rows. */
  private record ReservationRow(
      UUID orderId,
      String customerId,
      Reservation.Status status,
      BigDecimal total,
      String currency,
      RejectionReason rejectionReason,
      Instant createdAt,
      Instant updatedAt) {

    static ReservationRow read(UUID orderId, ResultSet rows) throws SQLException {
      String reason = rows.getString("rejection_reason");
      return new ReservationRow(
          orderId,
          rows.getString("customer_id"),
          Reservation.Status.valueOf(rows.getString("status")),
          rows.getBigDecimal("total"),
          rows.getString("currency"),
          reason == null ? null : RejectionReason.valueOf(reason),
          instant(rows, "created_at"),
          instant(rows, "updated_at"));
    }

    Reservation with(List<ReservationLine> lines) {
      return Reservation.restore(
          orderId,
          customerId,
          status,
          total,
          currency,
          rejectionReason,
          createdAt,
          updatedAt,
          lines);
    }
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }
}
