package io.github.shopsaga.order;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.PaymentDeclined;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReserved;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves orders along as inventory and payment report back. Each reaction locks the order, records
 * the received event in its history, lets the aggregate decide, and publishes the outcome through
 * the outbox, all in the listener's (the inbox's) transaction.
 *
 * <p>An event for an order this service does not know is logged and dropped rather than thrown:
 * retrying cannot make the order appear (orders are stored before their OrderPlaced is published),
 * so it would only end up on the dead-letter topic after the retries.
 */
@Service
@Transactional
class OrderSaga {

  private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

  private final OrderRepository orders;
  private final OrderJournal journal;
  private final OrderMetrics metrics;
  private final Clock clock;

  OrderSaga(OrderRepository orders, OrderJournal journal, OrderMetrics metrics, Clock clock) {
    this.orders = orders;
    this.journal = journal;
    this.metrics = metrics;
    this.clock = clock;
  }

  void stockReserved(StockReserved event) {
    withOrder(
        event,
        order -> {
          if (order.reserve(event.lines(), event.total(), clock.instant())
              && order.status() == OrderStatus.CONFIRMED) {
            journal.publish(OrderEvents.confirmed(order));
          }
        });
  }

  void stockRejected(StockRejected event) {
    withOrder(
        event,
        order -> {
          if (order.reject(event.reason(), clock.instant())) {
            journal.publish(OrderEvents.rejected(order, event.reason()));
          }
        });
  }

  void paymentCharged(PaymentCharged event) {
    withOrder(
        event,
        order -> {
          if (order.recordPayment(event.paymentId(), clock.instant())
              && order.status() == OrderStatus.CONFIRMED) {
            journal.publish(OrderEvents.confirmed(order));
          }
        });
  }

  void paymentDeclined(PaymentDeclined event) {
    withOrder(
        event,
        order -> {
          if (order.declinePayment(clock.instant())) {
            journal.publish(OrderEvents.cancelled(order, CancellationReason.PAYMENT_DECLINED));
          }
        });
  }

  /**
   * Cancels up to {@code limit} orders past their deadline as TIMED_OUT, each with its
   * OrderCancelled, in one short transaction; inventory and payment compensate on their own.
   *
   * @return how many orders were due (fewer than {@code limit}: none are left for now)
   */
  int timeOutDueOrders(int limit) {
    Instant now = clock.instant();
    List<Order> due = orders.findDueForUpdate(now, limit);
    for (Order order : due) {
      OrderStatus before = order.status();
      if (order.timeOut(now)) {
        log.info("Order {} timed out while {}", order.id(), before);
        journal.publish(OrderEvents.cancelled(order, CancellationReason.TIMED_OUT));
        metrics.changed(before, order);
      }
    }
    return due.size();
  }

  /** StockReleased, PaymentRefunded: the compensations of a cancellation, for the history only. */
  void recordOnly(SagaEvent event) {
    withOrder(event, _ -> {});
  }

  private void withOrder(SagaEvent event, Consumer<Order> reaction) {
    orders
        .findForUpdate(event.orderId())
        .ifPresentOrElse(
            order -> {
              OrderStatus before = order.status();
              journal.received(event);
              reaction.accept(order);
              metrics.changed(before, order);
            },
            () ->
                log.warn(
                    "Ignoring {} {} for unknown order {}",
                    event.type(),
                    event.eventId(),
                    event.orderId()));
  }
}
