package io.github.shopsaga.loadgen;

/**
 * When each request of a phase is due: request {@code i} is sent at {@code start + i / rate},
 * whatever happened to the earlier ones (open loop), so a slow system cannot slow the arrivals down
 * and hide its queueing. Times are {@link System#nanoTime()} values.
 */
record Schedule(long startNanos, double ratePerSecond, int count) {

  Schedule {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
  }

  /**
   * The requests due in {@code seconds} at {@code ratePerSecond}, starting at {@code startNanos}.
   */
  static Schedule of(long startNanos, double ratePerSecond, double seconds) {
    return new Schedule(
        startNanos, ratePerSecond, (int) Math.floor(ratePerSecond * seconds + 1e-9));
  }

  long sendTimeNanos(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException(i);
    }
    return startNanos + offsetNanos(i);
  }

  /** When the phase is over: the slot after the last request, where the next phase starts. */
  long endNanos() {
    return startNanos + offsetNanos(count);
  }

  private long offsetNanos(int i) {
    return Math.round(i * 1_000_000_000.0 / ratePerSecond);
  }
}
