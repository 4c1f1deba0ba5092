package io.github.shopsaga.endtoend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the orders of a drill's customers while the drill runs, as a client polling its order
 * list would, and records every change of status it sees. A drill issues no cancellations, so once
 * an order is seen settled (CONFIRMED, REJECTED, CANCELLED) it must never be seen otherwise: above
 * all, never CANCELLED and later CONFIRMED. Polls that fail (order-service down) are skipped.
 */
final class StatusWatcher implements AutoCloseable {

  private static final Set<String> SETTLED = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
  private static final long POLL_INTERVAL_NANOS = 300_000_000L;

  private final Shop shop;
  private final List<String> customers;
  private final Map<UUID, List<String>> seen = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  private StatusWatcher(Shop shop, List<String> customers) {
    this.shop = shop;
    this.customers = List.copyOf(customers);
    this.thread = Thread.ofVirtual().name("status-watcher").start(this::watch);
  }

  static StatusWatcher start(Shop shop, Workload workload) {
    return new StatusWatcher(shop, workload.customers());
  }

  /** The orders seen leaving a settled status, each with every status it was seen in, in order. */
  Map<UUID, List<String>> violations() {
    Map<UUID, List<String>> violations = new ConcurrentHashMap<>();
    seen.forEach(
        (id, statuses) -> {
          List<String> copy;
          synchronized (statuses) {
            copy = List.copyOf(statuses);
          }
          int firstSettled = indexOfFirstSettled(copy);
          if (firstSettled >= 0 && firstSettled < copy.size() - 1) {
            violations.put(id, copy);
          }
        });
    return violations;
  }

  /** How many distinct orders were seen. */
  int ordersSeen() {
    return seen.size();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void watch() {
    while (running) {
      for (String customer : customers) {
        try {
          Invariants.ordersOf(shop, customer).forEach(this::record);
        } catch (RuntimeException | AssertionError e) {
          // order-service is down or restarting: look again at the next round.
        }
      }
      LockSupport.parkNanos(POLL_INTERVAL_NANOS);
    }
  }

  private void record(Shop.Order order) {
    List<String> statuses = seen.computeIfAbsent(order.id(), _ -> new ArrayList<>());
    synchronized (statuses) {
      if (statuses.isEmpty() || !statuses.getLast().equals(order.status())) {
        statuses.add(order.status());
      }
    }
  }

  private static int indexOfFirstSettled(List<String> statuses) {
    for (int i = 0; i < statuses.size(); i++) {
      if (SETTLED.contains(statuses.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
