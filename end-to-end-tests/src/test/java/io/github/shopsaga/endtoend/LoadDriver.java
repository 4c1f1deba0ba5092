package io.github.shopsaga.endtoend;

import static org.awaitility.Awaitility.await;

import io.github.shopsaga.endtoend.Shop.Line;
import io.github.shopsaga.endtoend.Workload.PlannedOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Steady load for a drill: places the workload's orders at a fixed rate, each on its own virtual
 * thread so a slow or dead order-service never slows the pace, and records what came back. A
 * request that fails (connection refused while order-service is down) is counted, not retried:
 * whether its order exists is for the {@link Invariants} to find out from the shop itself.
 */
final class LoadDriver implements AutoCloseable {

  private final Shop shop;
  private final Workload workload;
  private final ScheduledExecutorService pacer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("load-pacer").daemon().factory());
  private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicLong sequence = new AtomicLong();
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final LongAdder unreachable = new LongAdder();
  private final List<Timed> timings = new CopyOnWriteArrayList<>();

  private LoadDriver(Shop shop, Workload workload) {
    this.shop = shop;
    this.workload = workload;
  }

  /** Starts placing {@code ordersPerSecond} orders a second until closed. */
  static LoadDriver start(Shop shop, Workload workload, int ordersPerSecond) {
    LoadDriver driver = new LoadDriver(shop, workload);
    long period = TimeUnit.SECONDS.toMicros(1) / ordersPerSecond;
    driver.pacer.scheduleAtFixedRate(
        () -> driver.requests.submit(driver::placeNext), 0, period, TimeUnit.MICROSECONDS);
    return driver;
  }

  /** Orders answered 202 so far. */
  long accepted() {
    return count(202);
  }

  /** Requests sent so far, answered or not. */
  long attempted() {
    return timings.size() + unreachable.sum();
  }

  /** Requests that got no HTTP answer at all (order-service down). */
  long unreachable() {
    return unreachable.sum();
  }

  /** How many requests got each HTTP status. */
  Map<Integer, Long> statuses() {
    return statuses.entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().sum()));
  }

  /** Every answered request so far, with when it was answered and how long it took. */
  List<Timed> answers() {
    return List.copyOf(timings);
  }

  /** Waits until {@code more} further orders have been accepted: lets the load run on a while. */
  void awaitMoreAccepted(long more) {
    long target = accepted() + more;
    await("load driver: " + target + " orders accepted")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> accepted() >= target);
  }

  /** Waits until {@code more} further requests have been sent, answered or not. */
  void awaitMoreAttempted(long more) {
    long target = attempted() + more;
    await("load driver: " + target + " requests sent")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> attempted() >= target);
  }

  /** Stops placing orders and waits for the requests in flight to be answered. */
  @Override
  public void close() {
    pacer.shutdownNow();
    try {
      pacer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    requests.close();
  }

  @Override
  public String toString() {
    return "sent %d, statuses %s, unreachable %d".formatted(attempted(), statuses(), unreachable());
  }

  private void placeNext() {
    PlannedOrder order = workload.order(sequence.getAndIncrement());
    long started = System.nanoTime();
    try {
      Shop.Response response =
          shop.placeOrder(order.customerId(), null, order.lines().toArray(Line[]::new));
      statuses.computeIfAbsent(response.status(), _ -> new LongAdder()).increment();
      timings.add(
          new Timed(
              System.currentTimeMillis(),
              response.status(),
              Duration.ofNanos(System.nanoTime() - started)));
    } catch (RuntimeException e) {
      unreachable.increment();
    }
  }

  private long count(int status) {
    LongAdder adder = statuses.get(status);
    return adder == null ? 0 : adder.sum();
  }

  /**
   * One answered request.
   *
   * @param answeredAt when the answer came, epoch milliseconds
   */
  record Timed(long answeredAt, int status, Duration latency) {}
}
