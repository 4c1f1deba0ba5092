package io.github.shopsaga.order;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.TimeOrderedIds;
import io.github.shopsaga.messaging.Outbox;
import io.github.shopsaga.messaging.SqlWrites;
import io.github.shopsaga.web.ApiProblems;
import io.github.shopsaga.web.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** What customers do with orders: place, look at and cancel them. */
@Service
class OrderService {

  static final int MAX_PAGE_SIZE = 100;

  private final OrderStore store;
  private final OrderQueries queries;
  private final OrderPlacements placements;
  private final Outbox outbox;
  private final ShopSettings settings;
  private final OrderMetrics metrics;
  private final OrderUpdates updates;
  private final Clock clock;

  OrderService(
      OrderStore store,
      OrderQueries queries,
      OrderPlacements placements,
      Outbox outbox,
      ShopSettings settings,
      OrderMetrics metrics,
      OrderUpdates updates,
      Clock clock) {
    this.store = store;
    this.queries = queries;
    this.placements = placements;
    this.outbox = outbox;
    this.settings = settings;
    this.metrics = metrics;
    this.updates = updates;
    this.clock = clock;
  }

  /** The outcome of a POST: the order, and whether this request created it or replayed it. */
  record Placement(OrderResponse order, boolean created) {}

  /**
   * Stores a new PENDING order and its OrderPlaced event (in the next batch of new orders, see
   * {@link OrderPlacements}). With an Idempotency-Key used before by the customer, returns the
   * order of that request instead, or fails with 422 if the request was a different one.
   */
  Placement place(PlaceOrderRequest request, @Nullable String idempotencyKey) {
    Order order =
        Order.place(
            TimeOrderedIds.next(),
            request.customerId(),
            request.customerEmail(),
            request.lines(),
            settings.currency(),
            clock.instant(),
            settings.orders().sagaTimeout());
    OrderPlaced placed = order.placedEvent();
    return switch (placements.place(
        order, idempotencyKey, request.fingerprint(), outbox.message(placed))) {
      case OrderPlacements.Outcome.Created created ->
          new Placement(OrderResponse.of(created.order()), true);
      case OrderPlacements.Outcome.Replay replay ->
          new Placement(replay(request, replay.earlier()), false);
    };
  }

  private OrderResponse replay(PlaceOrderRequest request, IdempotencyKeys.Claim earlier) {
    if (!earlier.requestHash().equals(request.fingerprint())) {
      throw ApiProblems.unprocessable(
          "This Idempotency-Key was already used for a different request");
    }
    return queries.find(earlier.orderId()).orElseThrow();
  }

  /** The order, if the caller may see it: another customer's order is answered as unknown. */
  OrderResponse find(UUID id, Caller caller) {
    return queries
        .find(id)
        .filter(order -> caller.maySeeOf(order.customerId()))
        .orElseThrow(() -> unknown(id));
  }

  /** A customer's orders, newest first; the page size is capped at {@value #MAX_PAGE_SIZE}. */
  Page<OrderResponse> findByCustomer(String customerId, int page, int size) {
    return queries.findByCustomer(customerId, page, Math.min(size, MAX_PAGE_SIZE));
  }

  /** The order's history, oldest first. */
  List<OrderEventResponse> history(UUID id, Caller caller) {
    find(id, caller);
    return queries.history(id).orElseThrow(() -> unknown(id));
  }

  /**
   * Cancels the order at the customer's request; OrderCancelled makes inventory release its stock
   * and payment refund a charge. A charge reported later is refunded by payment-service and never
   * confirms the order.
   */
  @Transactional
  OrderResponse cancel(UUID id, Caller caller) {
    Order order =
        Optional.ofNullable(store.lockAll(List.of(id)).get(id))
            .filter(found -> caller.maySeeOf(found.customerId()))
            .orElseThrow(() -> unknown(id));
    if (!caller.mayActFor(order.customerId())) {
      throw ApiProblems.forbidden(
          "Only the customer, or a client acting for them, cancels an order");
    }
    if (!order.isCancellable()) {
      throw ApiProblems.conflict(
          "Order %s is %s and can no longer be cancelled".formatted(id, order.status()));
    }
    OrderStatus before = order.status();
    OrderCancelled cancelled = order.cancel(CancellationReason.CUSTOMER_CANCELLED, clock.instant());
    SqlWrites writes = new SqlWrites();
    store.updateAll(List.of(order), writes);
    store.appendHistory(List.of(OrderHistoryEntry.of(cancelled)), writes);
    outbox.publishAll(List.of(outbox.message(cancelled)), writes);
    metrics.changed(before, order);
    updates.changed(order);
    return OrderResponse.of(order);
  }

  /**
   * A stream of the customer's order changes as they commit, those that leave an order in one of
   * {@code statuses}; with {@code lastEventId} (the {@code updatedAt} of the last change the client
   * saw) it starts with what changed since.
   */
  SseEmitter follow(String customerId, Set<OrderStatus> statuses, @Nullable Instant lastEventId) {
    List<OrderResponse> catchUp =
        lastEventId == null
            ? List.of()
            : queries.changedSince(customerId, OrderUpdates.catchUpFrom(lastEventId));
    return updates.subscribe(customerId, statuses, catchUp);
  }

  private static RuntimeException unknown(UUID id) {
    return ApiProblems.notFound("Order %s does not exist".formatted(id));
  }
}
