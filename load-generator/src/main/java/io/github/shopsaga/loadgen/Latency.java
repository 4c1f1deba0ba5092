package io.github.shopsaga.loadgen;

import org.HdrHistogram.AbstractHistogram;

/**
 * The summary a report prints, in milliseconds, from a histogram of microseconds. Percentiles are
 * HdrHistogram's: the smallest recorded value (at its precision) at or above the given share.
 */
record Latency(long count, double p50, double p95, double p99, double max, double mean) {

  static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

  static Latency of(AbstractHistogram micros) {
    if (micros.getTotalCount() == 0) {
      return NONE;
    }
    return new Latency(
        micros.getTotalCount(),
        millis(micros.getValueAtPercentile(50)),
        millis(micros.getValueAtPercentile(95)),
        millis(micros.getValueAtPercentile(99)),
        millis(micros.getMaxValue()),
        Math.round(micros.getMean()) / 1000.0);
  }

  String describe() {
    if (count == 0) {
      return "no samples";
    }
    return "p50 %s  p95 %s  p99 %s  max %s  (mean %s, n=%d)"
        .formatted(ms(p50), ms(p95), ms(p99), ms(max), ms(mean), count);
  }

  static String ms(double millis) {
    return millis >= 100 ? "%.0f ms".formatted(millis) : "%.1f ms".formatted(millis);
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
