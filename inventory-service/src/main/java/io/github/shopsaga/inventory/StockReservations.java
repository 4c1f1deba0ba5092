package io.github.shopsaga.inventory;

import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.StockRejected;
import io.github.shopsaga.events.StockReleased;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.Outbox;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga's stock operations. Each runs in the inbox's transaction of the event that asks for it:
 * rows are locked, stock moves, the reservation's state changes and the resulting event goes to the
 * outbox, all committed together or not at all.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class StockReservations {

  private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

  private final ProductRepository products;
  private final ReservationRepository reservations;
  private final Outbox outbox;
  private final InventorySettings settings;

  StockReservations(
      ProductRepository products,
      ReservationRepository reservations,
      Outbox outbox,
      InventorySettings settings) {
    this.products = products;
    this.reservations = reservations;
    this.outbox = outbox;
    this.settings = settings;
  }

  /** Reserves and prices every line of the order, or rejects it holding nothing. */
  void reserve(OrderPlaced placed) {
    if (reservations.existsById(placed.orderId())) {
      // Placed before, or cancelled before it arrived (a tombstone): never reserve twice.
      log.info("Order {} is known already, not reserving it", placed.orderId());
      return;
    }
    Reservation reservation =
        Reservation.place(
            placed.orderId(),
            placed.customerId(),
            placed.lines(),
            lock(Reservation.skusOf(placed.lines())),
            settings.currency());
    // A concurrent reservation of the same order fails here on the primary key and is retried.
    reservations.save(reservation);
    switch (reservation.status()) {
      case RESERVED ->
          outbox.publish(
              new StockReserved(
                  UUID.randomUUID(),
                  placed.orderId(),
                  Instant.now(),
                  placed.customerId(),
                  reservation.pricedLines(),
                  reservation.total()));
      case REJECTED ->
          outbox.publish(
              new StockRejected(
                  UUID.randomUUID(),
                  placed.orderId(),
                  Instant.now(),
                  reservation.rejectionReason(),
                  reservation.rejectedSkus()));
      case COMMITTED, RELEASED ->
          throw new IllegalStateException("a new reservation is " + reservation.status());
    }
  }

  /** The order is paid: its reserved units leave the stock for good. */
  void confirm(OrderConfirmed confirmed) {
    Optional<Reservation> found = reservations.lock(confirmed.orderId());
    if (found.isEmpty()) {
      log.warn("Order {} is confirmed but holds no reservation here", confirmed.orderId());
      return;
    }
    Reservation reservation = found.get();
    if (!reservation.confirm(lock(reservation.skus()))) {
      log.info(
          "Order {} confirmed while {}: nothing to do",
          reservation.orderId(),
          reservation.status());
    }
  }

  /** The order is cancelled: whatever it holds is available again, exactly once. */
  void release(OrderCancelled cancelled) {
    Optional<Reservation> found = reservations.lock(cancelled.orderId());
    if (found.isEmpty()) {
      reservations.save(Reservation.tombstone(cancelled.orderId(), cancelled.customerId()));
      return;
    }
    Reservation reservation = found.get();
    if (reservation.release(lock(reservation.skus()))) {
      outbox.publish(
          new StockReleased(
              UUID.randomUUID(), reservation.orderId(), Instant.now(), reservation.orderLines()));
    }
  }

  private Map<String, Product> lock(Collection<String> skus) {
    if (skus.isEmpty()) {
      return Map.of();
    }
    return products.lockAll(skus).stream()
        .collect(Collectors.toMap(Product::sku, Function.identity()));
  }
}
