package io.github.shopsaga.order;

import io.github.shopsaga.messaging.Outbox;
import io.github.shopsaga.messaging.SqlWrites;
import io.github.shopsaga.web.ApiProblems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores new orders a batch at a time (group commit): the orders placed while the previous batch
 * was being written go together into one transaction, with one statement per table whatever their
 * number, and each request is answered once that transaction has committed. At low load a batch is
 * one order, written at once. Under load (the previous batch held more than one order) the writer
 * lingers until the first order of the next batch has waited {@code shop.orders.placement-linger},
 * so that the orders arriving meanwhile join it. The batch this writer forms is, mostly, the batch
 * that the later stages of the saga receive: one outbox hand-off, one produce request, one poll.
 *
 * <p>The queue of orders waiting for their batch is bounded ({@code
 * shop.orders.placement-queue-capacity}): when the database cannot keep up, or is away, a POST
 * beyond it is answered 503 with Retry-After at once rather than waiting in memory until the
 * service runs out of it.
 *
 * <p>One bad order cannot fail another: if a batch fails, each of its orders is written again on
 * its own, and only the one that fails then is answered with its failure.
 */
@Component
class OrderPlacements implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OrderPlacements.class);

  /**
   * A new order waiting to be stored, how its request learns the outcome, and when it was queued
   * ({@link System#nanoTime()}).
   */
  record Pending(
      Order order,
      @Nullable String idempotencyKey,
      String fingerprint,
      Outbox.Message placed,
      CompletableFuture<Outcome> outcome,
      long queuedAt) {

    IdempotencyKeys.Key key() {
      return new IdempotencyKeys.Key(order.customerId(), idempotencyKey);
    }

    IdempotencyKeys.Claim claim() {
      return new IdempotencyKeys.Claim(fingerprint, order.id());
    }
  }

  /** What became of a placement. */
  sealed interface Outcome {

    /** The order is stored, its OrderPlaced recorded. */
    record Created(Order order) implements Outcome {}

    /** The Idempotency-Key was used before: the earlier request's claim; nothing was stored. */
    record Replay(IdempotencyKeys.Claim earlier) implements Outcome {}
  }

  /** How long a client turned away because the queue is full is asked to wait. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final BlockingQueue<Pending> queue;
  private final OrderStore store;
  private final IdempotencyKeys idempotencyKeys;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final int batchSize;
  private final Duration linger;
  private volatile boolean running;
  private Thread writer;

  OrderPlacements(
      OrderStore store,
      IdempotencyKeys idempotencyKeys,
      Outbox outbox,
      PlatformTransactionManager transactionManager,
      ShopSettings settings) {
    this.store = store;
    this.idempotencyKeys = idempotencyKeys;
    this.outbox = outbox;
    this.transactions = new TransactionTemplate(transactionManager);
    this.batchSize = settings.orders().placementBatchSize();
    this.linger = settings.orders().placementLinger();
    this.queue = new ArrayBlockingQueue<>(settings.orders().placementQueueCapacity());
  }

  /**
   * Stores the order, with its OrderPlaced and, if given, its Idempotency-Key, in the next batch;
   * returns once that batch committed. Rethrows what made the order's own transaction fail.
   */
  Outcome place(
      Order order, @Nullable String idempotencyKey, String fingerprint, Outbox.Message placed) {
    Pending pending = pending(order, idempotencyKey, fingerprint, placed);
    if (!running) {
      throw new IllegalStateException("order-service is shutting down");
    }
    enqueue(pending);
    try {
      return pending.outcome().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Queues the order for the next batch, or answers 503 if the queue is full. */
  void enqueue(Pending pending) {
    if (!queue.offer(pending)) {
      throw ApiProblems.unavailable(
          "order-service has %d orders waiting to be stored: retry shortly".formatted(queue.size()),
          RETRY_AFTER);
    }
  }

  static Pending pending(
      Order order, @Nullable String idempotencyKey, String fingerprint, Outbox.Message placed) {
    return new Pending(
        order, idempotencyKey, fingerprint, placed, new CompletableFuture<>(), System.nanoTime());
  }

  private void writeBatches() {
    List<Pending> batch = new ArrayList<>(batchSize);
    boolean underLoad = false;
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          underLoad = false;
          continue;
        }
        linger(lingerNanos(underLoad && running, first.queuedAt(), System.nanoTime()));
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        underLoad = batch.size() > 1;
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * How long the writer waits before it takes a batch whose first order was queued at {@code
   * queuedAt} (both {@link System#nanoTime()}): under load, until that order has waited the linger;
   * otherwise not at all, so that a lone order is written at once.
   */
  long lingerNanos(boolean underLoad, long queuedAt, long now) {
    return underLoad ? Math.max(0, queuedAt + linger.toNanos() - now) : 0;
  }

  /**
   * Waits while the batch forms. An interruption cuts the wait short and is kept for the loop to
   * see: the order already taken off the queue is written first.
   */
  private static void linger(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes one batch in this thread and completes each order's outcome. */
  void write(List<Pending> batch) {
    try {
      Map<Pending, Outcome> outcomes = storeInOneTransaction(batch);
      batch.forEach(pending -> pending.outcome().complete(outcomes.get(pending)));
    } catch (RuntimeException batchFailure) {
      if (batch.size() == 1) {
        batch.getFirst().outcome().completeExceptionally(batchFailure);
        return;
      }
      log.warn(
          "A batch of {} new orders failed ({}), storing them one transaction each",
          batch.size(),
          batchFailure.toString());
      for (Pending pending : batch) {
        write(List.of(pending));
      }
    }
  }

  /**
   * Stores the batch in one transaction. Its Idempotency-Keys are first taken to be new: they are
   * inserted by the batch's writing statement, so claiming them costs no round trip of its own. A
   * key used before makes that statement fail on the key's primary key; the transaction rolls back
   * and the batch is stored again with its keys claimed first, and the requests that reused a key
   * are answered as replays.
   */
  private Map<Pending, Outcome> storeInOneTransaction(List<Pending> batch) {
    try {
      return transactions.execute(_ -> store(batch, false));
    } catch (DuplicateKeyException keyUsedBefore) {
      return transactions.execute(_ -> store(batch, true));
    }
  }

  /**
   * Stores the batch's new orders in the current transaction, its keys claimed first or with the
   * writes; returns each order's outcome.
   */
  private Map<Pending, Outcome> store(List<Pending> batch, boolean claimKeysFirst) {
    // The first request with an Idempotency-Key claims it; others with the same key in the batch
    // replay that claim, or the earlier one if the key was used before.
    Map<IdempotencyKeys.Key, Pending> claiming = new LinkedHashMap<>();
    for (Pending pending : batch) {
      if (pending.idempotencyKey() != null) {
        claiming.putIfAbsent(pending.key(), pending);
      }
    }
    Map<IdempotencyKeys.Key, IdempotencyKeys.Claim> claims = new LinkedHashMap<>();
    claiming.forEach((key, first) -> claims.put(key, first.claim()));
    SqlWrites writes = new SqlWrites();
    Map<IdempotencyKeys.Key, IdempotencyKeys.Claim> earlier = Map.of();
    if (claimKeysFirst) {
      earlier = idempotencyKeys.claimAll(claims);
    } else {
      idempotencyKeys.claimAllAsNew(claims, writes);
    }

    Map<Pending, Outcome> outcomes = new HashMap<>();
    List<Pending> created = new ArrayList<>();
    for (Pending pending : batch) {
      if (pending.idempotencyKey() == null) {
        created.add(pending);
        continue;
      }
      IdempotencyKeys.Key key = pending.key();
      IdempotencyKeys.Claim before = earlier.get(key);
      if (before != null) {
        outcomes.put(pending, new Outcome.Replay(before));
      } else if (claiming.get(key) == pending) {
        created.add(pending);
      } else {
        outcomes.put(pending, new Outcome.Replay(claims.get(key)));
      }
    }
    store.insertAll(created.stream().map(Pending::order).toList(), writes);
    store.appendHistory(
        created.stream().map(pending -> OrderHistoryEntry.of(pending.placed().event())).toList(),
        writes);
    outbox.publishAll(created.stream().map(Pending::placed).toList(), writes);
    created.forEach(pending -> outcomes.put(pending, new Outcome.Created(pending.order())));
    return outcomes;
  }

  @Override
  public void start() {
    running = true;
    writer = Thread.ofPlatform().name("order-placements").daemon().start(this::writeBatches);
  }

  /** Stops taking orders, and stores those already taken. */
  @Override
  public void stop() {
    running = false;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before the web server takes requests and stops after it stopped taking them. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
