package io.github.shopsaga.loadgen;

import io.github.shopsaga.loadgen.Invariants.ObservedOrder;
import io.github.shopsaga.loadgen.Invariants.StockLevel;
import io.github.shopsaga.loadgen.Plan.Outcomes;
import io.github.shopsaga.loadgen.ShopClient.OrderState;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Fetches the end state from the four services and applies {@link Invariants}. Stock, balances and
 * notifications follow the order's terminal status asynchronously (inventory confirms or releases a
 * reservation when it consumes the outcome), so each check is retried until it holds or the settle
 * time is over; only then is it a failure.
 */
final class Verifier {

  record Result(
      boolean ok,
      Outcomes expected,
      Outcomes observed,
      int orders,
      int notTerminal,
      int skus,
      int accounts,
      int sampledForPaymentsAndNotifications,
      int problemCount,
      List<String> problems) {}

  private interface Fetch<T, R> {
    R apply(T key) throws IOException, InterruptedException;
  }

  private static final int PARALLELISM = 16;

  private final ShopClient shop;
  private final Plan plan;
  private final Duration settle;
  private final int sampleSize;

  Verifier(ShopClient shop, Plan plan, Duration settle, int sampleSize) {
    this.shop = shop;
    this.plan = plan;
    this.settle = settle;
    this.sampleSize = sampleSize;
  }

  Result verify(List<Tracker.Tracked> tracked) throws InterruptedException {
    long deadline = System.nanoTime() + settle.toNanos();
    List<ObservedOrder> orders = observe(tracked);
    int notTerminal = (int) orders.stream().filter(o -> !o.terminal()).count();
    List<String> problems = new ArrayList<>(Invariants.checkOutcomes(plan, orders));

    Map<String, Long> expectedStock = Invariants.expectedAvailable(plan, orders);
    Map<String, BigDecimal> expectedBalances = Invariants.expectedBalances(plan, orders);
    List<String> stateProblems;
    do {
      Map<String, StockLevel> stock = fetchAll(expectedStock.keySet(), shop::stock);
      Map<String, BigDecimal> balances = fetchAll(expectedBalances.keySet(), shop::balance);
      stateProblems = new ArrayList<>(Invariants.checkStock(expectedStock, stock));
      stateProblems.addAll(Invariants.checkBalances(expectedBalances, balances));
    } while (!stateProblems.isEmpty() && pause(deadline));
    problems.addAll(stateProblems);

    List<ObservedOrder> sample = sample(orders);
    Map<ObservedOrder, List<String>> sampleProblems;
    List<ObservedOrder> toCheck = sample;
    do {
      sampleProblems = fetchAll(toCheck, this::paymentAndNotificationProblems);
      sampleProblems.values().removeIf(List::isEmpty);
      toCheck = new ArrayList<>(sampleProblems.keySet());
    } while (!toCheck.isEmpty() && pause(deadline));
    sampleProblems.values().forEach(problems::addAll);

    return new Result(
        problems.isEmpty(),
        plan.expectedOutcomes(orders.stream().map(ObservedOrder::spec).toList()),
        Invariants.observedOutcomes(orders),
        orders.size(),
        notTerminal,
        expectedStock.size(),
        expectedBalances.size(),
        sample.size(),
        problems.size(),
        problems.stream().limit(50).toList());
  }

  private List<String> paymentAndNotificationProblems(ObservedOrder order)
      throws InterruptedException {
    try {
      List<String> problems =
          new ArrayList<>(
              Invariants.checkPayments(order, plan.total(order.spec()), shop.payments(order.id())));
      problems.addAll(Invariants.checkNotifications(order, shop.notifications(order.id())));
      return problems;
    } catch (IOException e) {
      return List.of(
          "order %s: could not read payments or notifications: %s".formatted(order.id(), e));
    }
  }

  /** The orders as last seen; those not seen terminal by the tracker are read once more. */
  private List<ObservedOrder> observe(List<Tracker.Tracked> tracked) throws InterruptedException {
    List<Tracker.Tracked> unsettled = tracked.stream().filter(t -> !t.terminal()).toList();
    Map<Tracker.Tracked, OrderState> reread = fetchAll(unsettled, t -> shop.order(t.id));
    List<ObservedOrder> orders = new ArrayList<>();
    for (Tracker.Tracked t : tracked) {
      OrderState state = reread.getOrDefault(t, t.state);
      orders.add(
          state == null
              ? new ObservedOrder(t.spec, t.id, null, null, null)
              : new ObservedOrder(
                  t.spec, t.id, state.status(), state.failureReason(), state.total()));
    }
    return orders;
  }

  /** Every n-th order, so the sample spreads over the whole run and all kinds of order. */
  private List<ObservedOrder> sample(List<ObservedOrder> orders) {
    if (sampleSize <= 0 || orders.size() <= sampleSize) {
      return orders;
    }
    double stride = (double) orders.size() / sampleSize;
    List<ObservedOrder> sample = new ArrayList<>();
    for (int n = 0; n < sampleSize; n++) {
      sample.add(orders.get((int) (n * stride)));
    }
    return sample;
  }

  private static boolean pause(long deadline) throws InterruptedException {
    if (System.nanoTime() > deadline) {
      return false;
    }
    Thread.sleep(1000);
    return true;
  }

  private static <T, R> Map<T, R> fetchAll(Collection<T> keys, Fetch<T, R> fetch)
      throws InterruptedException {
    Semaphore permits = new Semaphore(PARALLELISM);
    Map<T, Future<R>> futures = new LinkedHashMap<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (T key : keys) {
        futures.put(
            key,
            executor.submit(
                () -> {
                  permits.acquire();
                  try {
                    return fetch.apply(key);
                  } finally {
                    permits.release();
                  }
                }));
      }
    }
    Map<T, R> results = new LinkedHashMap<>();
    for (Map.Entry<T, Future<R>> entry : futures.entrySet()) {
      try {
        R result = entry.getValue().get();
        if (result != null) {
          results.put(entry.getKey(), result);
        }
      } catch (ExecutionException e) {
        // Left out: the comparison reports the key as missing, and the settle loop retries it.
      }
    }
    return results;
  }
}
