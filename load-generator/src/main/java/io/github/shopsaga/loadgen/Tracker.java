package io.github.shopsaga.loadgen;

import io.github.shopsaga.loadgen.Plan.OrderSpec;
import io.github.shopsaga.loadgen.ShopClient.OrderState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows accepted orders to their terminal status. One platform thread keeps the orders in a queue
 * by next poll time and fires the due GETs from virtual threads, at most {@code 64} at a time; each
 * order is polled with a backoff (first after {@code minPoll}, then 1.5× longer, up to {@code
 * maxPoll}), so a slow saga costs a few GETs, not one every few milliseconds. The latency itself
 * comes from the order's {@code updatedAt}, not from when the poll happened to look.
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

  Tracker(ShopClient shop, TimeBase time, Duration minPoll, Duration maxPoll, Duration giveUp) {
    this.shop = shop;
    this.time = time;
    this.minPollNanos = minPoll.toNanos();
    this.maxPollNanos = maxPoll.toNanos();
    this.giveUpNanos = giveUp.toNanos();
    this.poller = Thread.ofPlatform().name("order-poller").daemon().start(this::pollLoop);
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
    order.nextPollNanos = nowNanos + minPollNanos;
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
    try {
      polls.increment();
      order.polls++;
      OrderState state = shop.order(order.id);
      long now = System.nanoTime();
      if (state != null) {
        order.state = state;
      }
      if (order.terminal()) {
        completed(order, now);
      } else if (now - order.scheduledNanos > giveUpNanos) {
        order.phase.notTerminal.increment();
        outstanding.decrementAndGet();
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

  private void completed(Tracked order, long now) {
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
