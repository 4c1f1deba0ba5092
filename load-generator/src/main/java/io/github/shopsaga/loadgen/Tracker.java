package io.github.shopsaga.loadgen;

import io.github.shopsaga.loadgen.Plan.OrderSpec;
import io.github.shopsaga.loadgen.ShopClient.OrderState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows accepted orders to their terminal status, as a client of the suite would: one stream of
 * order outcomes per customer ({@code GET /api/orders/updates} with the terminal statuses,
 * reconnected with {@code Last-Event-ID} when it ends), and GETs only for an order the streams have
 * not settled after {@code streamGrace}. One platform thread keeps the orders in a queue by next
 * poll time and fires the due GETs from virtual threads, at most {@code 64} at a time; each order
 * is polled with a backoff (first after {@code minPoll}, then 1.5× longer, up to {@code maxPoll}),
 * so a slow saga costs a few GETs, not one every few milliseconds. Without streams ({@code --follow
 * poll}) every order is polled from {@code minPoll} on. The latency itself comes from the order's
 * {@code updatedAt}, not from when the stream or the poll delivered it.
 */
final class Tracker implements AutoCloseable {

  /** An accepted order being followed. */
  static final class Tracked {
    final OrderSpec spec;
    final String id;
    final Phase phase;
    final long scheduledNanos;
    long nextPollNanos;
    int polls;
    volatile OrderState state;
    private final AtomicBoolean counted = new AtomicBoolean();

    Tracked(OrderSpec spec, String id, Phase phase, long scheduledNanos) {
      this.spec = spec;
      this.id = id;
      this.phase = phase;
      this.scheduledNanos = scheduledNanos;
    }

    boolean terminal() {
      OrderState s = state;
      return s != null && Invariants.TERMINAL.contains(s.status());
    }
  }

  private final ShopClient shop;
  private final TimeBase time;
  private final long minPollNanos;
  private final long maxPollNanos;
  private final long giveUpNanos;
  private final List<Tracked> all = new ArrayList<>();
  private final ConcurrentLinkedQueue<Tracked> incoming = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Tracked> due =
      new PriorityQueue<>(Comparator.comparingLong(t -> t.nextPollNanos));
  private final Semaphore inFlight = new Semaphore(64);
  private final AtomicInteger outstanding = new AtomicInteger();
  private final LongAdder polls = new LongAdder();
  private final LongAdder pollErrors = new LongAdder();
  private final Map<Long, LongAdder> completionsBySecond = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  /** How long after acceptance an order followed by a stream is first polled. */
  static final Duration STREAM_GRACE = Duration.ofSeconds(5);

  private final long firstPollNanos;
  private final List<Thread> streams = new ArrayList<>();
  private final LongAdder streamChanges = new LongAdder();
  private final LongAdder streamErrors = new LongAdder();

  /** Followed orders by id, and terminal states that came before their POST's answer. */
  private final Map<String, Tracked> byId = new HashMap<>();

  private final Map<String, OrderState> early = new HashMap<>();

  /**
   * @param customers the customers whose order streams to follow; none to follow by polling only
   */
  Tracker(
      ShopClient shop,
      TimeBase time,
      List<String> customers,
      Duration minPoll,
      Duration maxPoll,
      Duration giveUp) {
    this.shop = shop;
    this.time = time;
    this.minPollNanos = minPoll.toNanos();
    this.maxPollNanos = maxPoll.toNanos();
    this.giveUpNanos = giveUp.toNanos();
    this.firstPollNanos = customers.isEmpty() ? minPollNanos : STREAM_GRACE.toNanos();
    this.poller = Thread.ofPlatform().name("order-poller").daemon().start(this::pollLoop);
    for (String customer : customers) {
      streams.add(
          Thread.ofVirtual().name("order-stream-" + customer).start(() -> follow(customer)));
    }
  }

  /** An order is about to be POSTed: it counts in the backlog from now on. */
  void sending() {
    outstanding.incrementAndGet();
  }

  /** The POST failed: the order is not in the backlog any more. */
  void failed() {
    outstanding.decrementAndGet();
  }

  /** The POST was accepted: follow the order until it is terminal. */
  void accepted(Tracked order, long nowNanos) {
    synchronized (all) {
      all.add(order);
    }
    OrderState came;
    synchronized (byId) {
      byId.put(order.id, order);
      came = early.remove(order.id);
    }
    if (came != null) {
      completed(order, came, nowNanos);
      return;
    }
    order.nextPollNanos = nowNanos + firstPollNanos;
    incoming.add(order);
  }

  /** Orders POSTed or accepted but not yet seen terminal. */
  int outstanding() {
    return outstanding.get();
  }

  long polls() {
    return polls.sum();
  }

  long pollErrors() {
    return pollErrors.sum();
  }

  long streamChanges() {
    return streamChanges.sum();
  }

  long streamErrors() {
    return streamErrors.sum();
  }

  List<Tracked> all() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  /** Terminal states per second of the run (by order-service's clock), for throughput figures. */
  Map<Long, Long> completionsBySecond() {
    Map<Long, Long> counts = new TreeMap<>();
    completionsBySecond.forEach((second, count) -> counts.put(second, count.sum()));
    return counts;
  }

  /** Completions per second between two run-relative second marks. */
  double completionRate(long fromSecond, long toSecond) {
    if (toSecond <= fromSecond) {
      return 0;
    }
    long sum = 0;
    for (long s = fromSecond; s < toSecond; s++) {
      LongAdder count = completionsBySecond.get(s);
      sum += count == null ? 0 : count.sum();
    }
    return (double) sum / (toSecond - fromSecond);
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    streams.forEach(Thread::interrupt);
  }

  /** Reads the customer's stream of order changes, reconnecting until the tracker closes. */
  private void follow(String customer) {
    String lastEventId = null;
    while (running) {
      try {
        lastEventId = shop.followOrders(customer, lastEventId, this::changed);
      } catch (IOException | UncheckedIOException e) {
        if (!running) {
          return;
        }
        if (streamErrors.sum() < 5) {
          System.err.println("stream of " + customer + " failed: " + e);
        }
        streamErrors.increment();
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void changed(ShopClient.OrderChange change) {
    streamChanges.increment();
    if (!Invariants.TERMINAL.contains(change.state().status())) {
      return;
    }
    Tracked order;
    synchronized (byId) {
      order = byId.get(change.orderId());
      if (order == null) {
        early.put(change.orderId(), change.state());
        return;
      }
    }
    completed(order, change.state(), System.nanoTime());
  }

  private void pollLoop() {
    while (running) {
      for (Tracked t; (t = incoming.poll()) != null; ) {
        due.add(t);
      }
      long now = System.nanoTime();
      while (!due.isEmpty() && due.peek().nextPollNanos <= now && inFlight.tryAcquire()) {
        Tracked order = due.poll();
        Thread.ofVirtual().start(() -> poll(order));
      }
      long wait = due.isEmpty() ? 5_000_000 : Math.min(5_000_000, due.peek().nextPollNanos - now);
      LockSupport.parkNanos(Math.max(wait, 200_000));
    }
  }

  private void poll(Tracked order) {
    if (order.counted.get()) {
      inFlight.release();
      return;
    }
    try {
      polls.increment();
      order.polls++;
      OrderState state = shop.order(order.id);
      long now = System.nanoTime();
      if (state != null && Invariants.TERMINAL.contains(state.status())) {
        completed(order, state, now);
        return;
      }
      if (state != null && !order.counted.get()) {
        order.state = state;
      }
      if (now - order.scheduledNanos > giveUpNanos) {
        if (order.counted.compareAndSet(false, true)) {
          order.phase.notTerminal.increment();
          outstanding.decrementAndGet();
        }
      } else {
        reschedule(order, now);
      }
    } catch (IOException e) {
      pollErrors.increment();
      reschedule(order, System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.release();
    }
  }

  private void reschedule(Tracked order, long now) {
    double backoff = minPollNanos * Math.pow(1.5, order.polls);
    order.nextPollNanos = now + (long) Math.min(maxPollNanos, backoff);
    incoming.add(order);
  }

  private void completed(Tracked order, OrderState terminal, long now) {
    if (!order.counted.compareAndSet(false, true)) {
      return;
    }
    order.state = terminal;
    Phase phase = order.phase;
    long scheduledMicros = time.wallMicros(order.scheduledNanos);
    long observedMicros = (now - order.scheduledNanos) / 1000;
    Instant updatedAt = order.state.updatedAt();
    long terminalAtMicros = updatedAt == null ? time.wallMicros(now) : TimeBase.micros(updatedAt);
    long terminalMicros = Math.max(0, terminalAtMicros - scheduledMicros);
    phase.terminal.recordValue(terminalMicros);
    phase.observed.recordValue(Math.max(0, observedMicros));
    phase.completed.increment();
    completionsBySecond
        .computeIfAbsent(time.runSecond(terminalAtMicros), s -> new LongAdder())
        .increment();
    outstanding.decrementAndGet();
  }
}
