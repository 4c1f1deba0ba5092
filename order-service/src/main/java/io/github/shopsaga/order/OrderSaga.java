package io.github.shopsaga.order;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.PaymentDeclined;
import io.github.shopsaga.events.PaymentEvent;
import io.github.shopsaga.events.PaymentRefunded;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReleased;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.BatchHandler;
import io.github.shopsaga.messaging.Outbox;
import io.github.shopsaga.messaging.SqlWrites;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves orders along as inventory and payment report back, a poll of their events at a time: the
 * batch's orders are loaded and locked with one statement, each event is applied in memory in the
 * order it arrived (the aggregate decides and returns the event it causes), and the changed orders,
 * their history and the events they cause are written back set-based, in the listener's (the
 * inbox's) transaction.
 *
 * <p>An event for an order this service does not know is logged and dropped rather than thrown:
 * retrying cannot make the order appear (orders are stored before their OrderPlaced is published),
 * so it would only end up on the dead-letter topic after the retries.
 */
@Service
class OrderSaga implements BatchHandler<SagaEvent, OrderSaga.Batch> {

  private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

  private final OrderStore store;
  private final Outbox outbox;
  private final OrderMetrics metrics;
  private final OrderUpdates updates;
  private final Clock clock;

  OrderSaga(
      OrderStore store, Outbox outbox, OrderMetrics metrics, OrderUpdates updates, Clock clock) {
    this.store = store;
    this.outbox = outbox;
    this.metrics = metrics;
    this.updates = updates;
    this.clock = clock;
  }

  /** The orders a batch touches, their status before it, and the history it adds. */
  static final class Batch {

    private final Map<UUID, Order> orders;
    private final Map<UUID, OrderStatus> before = new HashMap<>();
    private final List<OrderHistoryEntry> history = new ArrayList<>();

    Batch(Map<UUID, Order> orders) {
      this.orders = orders;
      orders.forEach((id, order) -> before.put(id, order.status()));
    }

    Optional<Order> order(UUID id) {
      return Optional.ofNullable(orders.get(id));
    }

    void record(SagaEvent event) {
      history.add(OrderHistoryEntry.of(event));
    }
  }

  @Override
  public Batch load(List<SagaEvent> events) {
    return new Batch(store.lockAll(events.stream().map(SagaEvent::orderId).distinct().toList()));
  }

  @Override
  public List<OrderEvent> apply(Batch batch, SagaEvent event) {
    Optional<Order> found = batch.order(event.orderId());
    if (found.isEmpty()) {
      log.warn(
          "Ignoring {} {} for unknown order {}", event.type(), event.eventId(), event.orderId());
      return List.of();
    }
    Order order = found.get();
    batch.record(event);
    Optional<OrderEvent> caused = react(order, event, clock.instant());
    caused.ifPresent(batch::record);
    return caused.stream().toList();
  }

  private static Optional<OrderEvent> react(Order order, SagaEvent event, Instant now) {
    return switch (event) {
      case InventoryEvent inventory ->
          switch (inventory) {
            case StockReserved e -> order.reserve(e.lines(), e.total(), now);
            case StockRejected e -> order.reject(e.reason(), now);
            // The compensation of a cancellation: for the history only.
            case StockReleased _ -> Optional.empty();
          };
      case PaymentEvent payment ->
          switch (payment) {
            case PaymentCharged e -> order.recordPayment(e.paymentId(), now);
            case PaymentDeclined _ -> order.declinePayment(now);
            // The compensation of a cancellation: for the history only.
            case PaymentRefunded _ -> Optional.empty();
          };
      case OrderEvent e ->
          throw new IllegalArgumentException("order-service does not consume its own " + e.type());
    };
  }

  @Override
  public void store(Batch batch, SqlWrites writes) {
    store.updateAll(batch.orders.values(), writes);
    store.appendHistory(batch.history, writes);
  }

  @Override
  public void committed(Batch batch) {
    List<Order> changed = batch.orders.values().stream().filter(Order::isChanged).toList();
    changed.forEach(order -> metrics.committed(batch.before.get(order.id()), order));
    updates.committed(changed);
  }

  /**
   * Cancels up to {@code limit} orders past their deadline as TIMED_OUT, each with its
   * OrderCancelled, in one short transaction; inventory and payment compensate on their own.
   *
   * @return how many orders were due (fewer than {@code limit}: none are left for now)
   */
  @Transactional
  public int timeOutDueOrders(int limit) {
    Instant now = clock.instant();
    List<Order> due = store.lockDue(now, limit);
    List<OrderHistoryEntry> history = new ArrayList<>();
    List<Outbox.Message> cancellations = new ArrayList<>();
    for (Order order : due) {
      OrderStatus before = order.status();
      order
          .timeOut(now)
          .ifPresent(
              cancelled -> {
                log.info("Order {} timed out while {}", order.id(), before);
                history.add(OrderHistoryEntry.of(cancelled));
                cancellations.add(outbox.message(cancelled));
                metrics.changed(before, order);
                updates.changed(order);
              });
    }
    SqlWrites writes = new SqlWrites();
    store.updateAll(due, writes);
    store.appendHistory(history, writes);
    outbox.publishAll(cancellations, writes);
    return due.size();
  }
}
