package io.github.shopsaga.order;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.messaging.Outbox;
import io.github.shopsaga.web.ApiProblems;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What customers do with orders: place, look at and cancel them. */
@Service
class OrderService {

  static final int MAX_PAGE_SIZE = 100;

  private final OrderStore store;
  private final OrderQueries queries;
  private final IdempotencyKeys idempotencyKeys;
  private final Outbox outbox;
  private final ShopSettings settings;
  private final OrderMetrics metrics;
  private final Clock clock;

  OrderService(
      OrderStore store,
      OrderQueries queries,
      IdempotencyKeys idempotencyKeys,
      Outbox outbox,
      ShopSettings settings,
      OrderMetrics metrics,
      Clock clock) {
    this.store = store;
    this.queries = queries;
    this.idempotencyKeys = idempotencyKeys;
    this.outbox = outbox;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The outcome of a POST: the order, and whether this request created it or replayed it. */
  record Placement(OrderResponse order, boolean created) {}

  /**
   * Stores a new PENDING order and its OrderPlaced event in one transaction. With an
   * Idempotency-Key used before by the customer, returns the order of that request instead, or
   * fails with 422 if the request was a different one.
   */
  @Transactional
  Placement place(PlaceOrderRequest request, @Nullable String idempotencyKey) {
    UUID id = UUID.randomUUID();
    if (idempotencyKey != null) {
      Optional<IdempotencyKeys.Claim> earlier =
          idempotencyKeys.claim(request.customerId(), idempotencyKey, request.fingerprint(), id);
      if (earlier.isPresent()) {
        return new Placement(replay(request, earlier.get()), false);
      }
    }
    Order order =
        Order.place(
            id,
            request.customerId(),
            request.customerEmail(),
            request.lines(),
            settings.currency(),
            clock.instant(),
            settings.orders().sagaTimeout());
    OrderPlaced placed = order.placedEvent();
    store.insertAll(List.of(order));
    store.appendHistory(List.of(OrderHistoryEntry.of(placed)));
    outbox.publish(placed);
    return new Placement(OrderResponse.of(order), true);
  }

  private OrderResponse replay(PlaceOrderRequest request, IdempotencyKeys.Claim earlier) {
    if (!earlier.requestHash().equals(request.fingerprint())) {
      throw ApiProblems.unprocessable(
          "This Idempotency-Key was already used for a different request");
    }
    return queries.find(earlier.orderId()).orElseThrow();
  }

  OrderResponse find(UUID id) {
    return queries.find(id).orElseThrow(() -> unknown(id));
  }

  /** A customer's orders, newest first; the page size is capped at {@value #MAX_PAGE_SIZE}. */
  Page<OrderResponse> findByCustomer(String customerId, int page, int size) {
    return queries.findByCustomer(customerId, page, Math.min(size, MAX_PAGE_SIZE));
  }

  /** The order's history, oldest first. */
  List<OrderEventResponse> history(UUID id) {
    return queries.history(id).orElseThrow(() -> unknown(id));
  }

  /**
   * Cancels the order at the customer's request; OrderCancelled makes inventory release its stock
   * and payment refund a charge. A charge reported later is refunded by payment-service and never
   * confirms the order.
   */
  @Transactional
  OrderResponse cancel(UUID id) {
    Order order =
        Optional.ofNullable(store.lockAll(List.of(id)).get(id)).orElseThrow(() -> unknown(id));
    if (!order.isCancellable()) {
      throw ApiProblems.conflict(
          "Order %s is %s and can no longer be cancelled".formatted(id, order.status()));
    }
    OrderStatus before = order.status();
    OrderCancelled cancelled = order.cancel(CancellationReason.CUSTOMER_CANCELLED, clock.instant());
    store.updateAll(List.of(order));
    store.appendHistory(List.of(OrderHistoryEntry.of(cancelled)));
    outbox.publish(cancelled);
    metrics.changed(before, order);
    return OrderResponse.of(order);
  }

  private static RuntimeException unknown(UUID id) {
    return ApiProblems.notFound("Order %s does not exist".formatted(id));
  }
}
