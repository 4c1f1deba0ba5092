package io.github.shopsaga.messaging;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that works off a queue kept in a table: it runs a batch as soon as it is
 * woken (by the commit that added the work), otherwise every poll interval, goes straight on while
 * batches come back full, and backs off exponentially while they fail. The outbox publisher runs on
 * one; so can a service's own table-driven sender.
 */
public final class BatchWorker {

  /** Handles one batch of due work; returns how many items it handled. */
  @FunctionalInterface
  public interface Batch {
    int run();
  }

  private static final Logger log = LoggerFactory.getLogger(BatchWorker.class);

  private final String name;
  private final int batchSize;
  private final Duration pollInterval;
  private final Duration maxBackoff;
  private final Batch batch;

  private volatile boolean running;
  private volatile Thread thread;

  public BatchWorker(
      String name, int batchSize, Duration pollInterval, Duration maxBackoff, Batch batch) {
    this.name = name;
    this.batchSize = batchSize;
    this.pollInterval = pollInterval;
    this.maxBackoff = maxBackoff;
    this.batch = batch;
  }

  /** Runs the next batch now rather than at the next poll; cheap, and safe from any thread. */
  public void wakeUp() {
    Thread current = thread;
    if (current != null) {
      LockSupport.unpark(current);
    }
  }

  public void start() {
    running = true;
    thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
  }

  /** Stops after the batch in progress, waiting for it at most {@code timeout}. */
  public void stop(Duration timeout) {
    running = false;
    Thread current = thread;
    if (current != null) {
      LockSupport.unpark(current);
      try {
        current.join(timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    thread = null;
  }

  public boolean isRunning() {
    return running;
  }

  private void loop() {
    int failures = 0;
    while (running) {
      try {
        int handled = batch.run();
        failures = 0;
        if (handled < batchSize) {
          // A wake-up that came while the batch ran makes this return at once.
          LockSupport.parkNanos(this, pollInterval.toNanos());
        }
      } catch (RuntimeException e) {
        failures++;
        Duration backoff = backoff(failures);
        log.warn(
            "{} failed ({} in a row), retrying in {} ms: {}",
            name,
            failures,
            backoff.toMillis(),
            e.toString());
        sleep(backoff);
      }
    }
  }

  private Duration backoff(int failures) {
    Duration delay = Duration.ofMillis(100L << Math.min(failures, 10));
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }

  /** Sleeps through wake-ups: a failing batch waits out its backoff. */
  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
