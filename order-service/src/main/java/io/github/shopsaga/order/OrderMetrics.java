package io.github.shopsaga.order;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Order-service's own meters.
 *
 * <ul>
 *   <li>{@code shop.orders{status}}: how many orders are in each status now, one gauge per status.
 *       Counted by the database ({@code select status, count(*) ... group by status}) rather than
 *       by counters of transitions, so the numbers are right whatever instance moved an order and
 *       survive restarts. The count is taken when a gauge is read, at most once per {@link
 *       #COUNT_MAX_AGE}, so scrapes by several collectors cost one query.
 *   <li>{@code shop.saga.duration{status}}: from placement to the end of the saga (CONFIRMED,
 *       REJECTED or CANCELLED), as a histogram, recorded once the change has committed. A customer
 *       cancelling an order already CONFIRMED does not count again: its saga had ended.
 * </ul>
 */
@Component
class OrderMetrics {

  static final Duration COUNT_MAX_AGE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(OrderMetrics.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<OrderStatus, Timer> sagaDurations = new EnumMap<>(OrderStatus.class);

  private Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
  private Instant countedAt = Instant.MIN;

  OrderMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    for (OrderStatus status : OrderStatus.values()) {
      Gauge.builder("shop.orders", this, metrics -> metrics.count(status))
          .description("Orders by current status")
          .tag("status", status.name())
          .register(registry);
      if (!status.isRunning()) {
        sagaDurations.put(
            status,
            Timer.builder("shop.saga.duration")
                .description("Time from placing an order to the end of its saga")
                .tag("status", status.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry));
      }
    }
  }

  /**
   * Notes that an order was in status {@code before} and is now as given: if that ended its saga,
   * the saga's duration is recorded once the current transaction (if any) commits.
   */
  void changed(OrderStatus before, Order order) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              committed(before, order);
            }
          });
    } else {
      committed(before, order);
    }
  }

  /** Like {@link #changed}, for a change that has committed already. */
  void committed(OrderStatus before, Order order) {
    if (before.isRunning() && !order.status().isRunning()) {
      sagaDurations
          .get(order.status())
          .record(Duration.between(order.createdAt(), order.updatedAt()));
    }
  }

  /** Counts afresh at the next read of a gauge, however recent the last count. */
  synchronized void forgetCounts() {
    countedAt = Instant.MIN;
  }

  private synchronized double count(OrderStatus status) {
    Instant now = clock.instant();
    if (countedAt.plus(COUNT_MAX_AGE).isBefore(now)) {
      // Also after a failure: a scrape while the database is down must not wait for it per gauge.
      countedAt = now;
      try {
        Map<OrderStatus, Long> fresh = new EnumMap<>(OrderStatus.class);
        jdbc.sql("select status, count(*) from orders group by status")
            .query((row, _) -> Map.entry(OrderStatus.valueOf(row.getString(1)), row.getLong(2)))
            .list()
            .forEach(entry -> fresh.put(entry.getKey(), entry.getValue()));
        counts = fresh;
      } catch (DataAccessException e) {
        // Keep the last numbers; the database's own health is reported by readiness.
        log.debug("Counting orders by status failed: {}", e.toString());
      }
    }
    return counts.getOrDefault(status, 0L);
  }
}
