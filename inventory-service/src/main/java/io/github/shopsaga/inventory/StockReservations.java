package io.github.shopsaga.inventory;

import io.github.shopsaga.events.InventoryEvent;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.messaging.BatchHandler;
import io.github.shopsaga.messaging.SqlWrites;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The saga's stock operations, a poll of order events at a time: the batch's reservations and every
 * product they or its new orders touch are loaded and locked up front (two statements), each event
 * is applied in memory in the order it arrived, so two orders for the last unit of a sku in one
 * batch see each other's reservation, and the changes are written back set-based, with the events
 * they cause, in the inbox's transaction.
 */
@Service
class StockReservations implements BatchHandler<OrderEvent, StockReservations.Batch> {

  private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

  private final StockStore store;
  private final InventorySettings settings;

  StockReservations(StockStore store, InventorySettings settings) {
    this.store = store;
    this.settings = settings;
  }

  /** Inventory acts on every order event but OrderRejected, which follows its own refusal. */
  @Override
  public boolean actsOn(OrderEvent event) {
    return !(event instanceof OrderRejected);
  }

  /** The reservations and products of a batch, changed in memory as its events are applied. */
  record Batch(Map<UUID, Reservation> reservations, Map<String, Product> products) {}

  @Override
  public Batch load(List<OrderEvent> events) {
    Map<UUID, Reservation> reservations =
        new HashMap<>(store.lockReservations(events.stream().map(OrderEvent::orderId).toList()));
    Set<String> skus = new TreeSet<>();
    for (OrderEvent event : events) {
      if (event instanceof OrderPlaced placed) {
        skus.addAll(Reservation.skusOf(placed.lines()));
      }
    }
    reservations.values().forEach(reservation -> skus.addAll(reservation.skus()));
    return new Batch(reservations, store.lockProducts(skus));
  }

  @Override
  public List<InventoryEvent> apply(Batch batch, OrderEvent event) {
    return switch (event) {
      case OrderPlaced placed -> reserve(batch, placed);
      case OrderConfirmed confirmed -> confirm(batch, confirmed);
      case OrderCancelled cancelled -> release(batch, cancelled);
      case OrderRejected rejected ->
          throw new IllegalArgumentException("not for inventory: " + rejected.type());
    };
  }

  /** Reserves and prices every line of the order, or rejects it holding nothing. */
  private List<InventoryEvent> reserve(Batch batch, OrderPlaced placed) {
    if (batch.reservations().containsKey(placed.orderId())) {
      // Placed before, or cancelled before it arrived (a tombstone): never reserve twice.
      log.info("Order {} is known already, not reserving it", placed.orderId());
      return List.of();
    }
    Reservation reservation =
        Reservation.place(
            placed.orderId(),
            placed.customerId(),
            placed.lines(),
            batch.products(),
            settings.currency());
    batch.reservations().put(placed.orderId(), reservation);
    return List.of(reservation.placement());
  }

  /** The order is paid: its reserved units leave the stock for good. */
  private List<InventoryEvent> confirm(Batch batch, OrderConfirmed confirmed) {
    Reservation reservation = batch.reservations().get(confirmed.orderId());
    if (reservation == null) {
      log.warn("Order {} is confirmed but holds no reservation here", confirmed.orderId());
    } else if (!reservation.confirm(batch.products())) {
      log.info(
          "Order {} confirmed while {}: nothing to do",
          reservation.orderId(),
          reservation.status());
    }
    return List.of();
  }

  /** The order is cancelled: whatever it holds is available again, exactly once. */
  private List<InventoryEvent> release(Batch batch, OrderCancelled cancelled) {
    Reservation reservation = batch.reservations().get(cancelled.orderId());
    if (reservation == null) {
      batch
          .reservations()
          .put(
              cancelled.orderId(),
              Reservation.tombstone(cancelled.orderId(), cancelled.customerId()));
      return List.of();
    }
    return reservation.release(batch.products()).stream().toList();
  }

  @Override
  public void store(Batch batch, SqlWrites writes) {
    store.storeAll(batch.reservations().values(), batch.products().values(), writes);
  }
}
