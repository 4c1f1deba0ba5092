package io.github.shopsaga.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * One stretch of the run at one rate (warm-up, the measured phase, or a ramp step) and what
 * happened to the orders scheduled in it. Histograms hold microseconds.
 */
final class Phase {

  final String name;
  final boolean measured;
  final Schedule schedule;

  /**
   * POST-to-terminal: order-service's {@code updatedAt} of the terminal state less the scheduled
   * send time.
   */
  final ConcurrentHistogram terminal = new ConcurrentHistogram(3);

  /**
   * Scheduled send time to the poll that saw the terminal state: an upper bound, polling included.
   */
  final ConcurrentHistogram observed = new ConcurrentHistogram(3);

  /** Scheduled send time to the 202 of the POST. */
  final ConcurrentHistogram post = new ConcurrentHistogram(3);

  /**
   * How late the generator itself sent (should stay near zero, else the generator is the limit).
   */
  final ConcurrentHistogram sendLag = new ConcurrentHistogram(3);

  final LongAdder sent = new LongAdder();
  final LongAdder accepted = new LongAdder();
  final LongAdder completed = new LongAdder();
  final LongAdder notTerminal = new LongAdder();
  final LongAdder httpTimeouts = new LongAdder();
  final LongAdder ioErrors = new LongAdder();
  final Map<Integer, LongAdder> errorsByStatus = new ConcurrentHashMap<>();
  final AtomicLong lastResponseNanos = new AtomicLong(Long.MIN_VALUE);

  /**
   * The backlog over the second half, sampled by the thread that drives the phase, the one that
   * reads it afterwards.
   */
  final List<Backlog.Sample> backlogSamples = new ArrayList<>();

  Phase(String name, boolean measured, Schedule schedule) {
    this.name = name;
    this.measured = measured;
    this.schedule = schedule;
  }

  void httpError(int status) {
    errorsByStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  Map<String, Long> errors() {
    Map<String, Long> errors = new TreeMap<>();
    errorsByStatus.forEach((status, count) -> errors.put("HTTP " + status, count.sum()));
    if (httpTimeouts.sum() > 0) {
      errors.put("timeout", httpTimeouts.sum());
    }
    if (ioErrors.sum() > 0) {
      errors.put("io", ioErrors.sum());
    }
    return errors;
  }

  long errorCount() {
    return errors().values().stream().mapToLong(Long::longValue).sum();
  }

  double seconds() {
    return (schedule.endNanos() - schedule.startNanos()) / 1e9;
  }

  /** Accepted orders per second, over the schedule or until the last answer if that came later. */
  double achievedPerSecond() {
    long end = Math.max(schedule.endNanos(), lastResponseNanos.get());
    double seconds = (end - schedule.startNanos()) / 1e9;
    return seconds <= 0 ? 0 : accepted.sum() / seconds;
  }

  Backlog backlog() {
    return Backlog.of(backlogSamples);
  }

  void responded(long nanos) {
    lastResponseNanos.accumulateAndGet(nanos, Math::max);
  }
}
