package io.github.shopsaga.loadgen;

import java.util.List;

/**
 * The backlog of a phase (orders sent and not yet terminal) over its second half: at the middle, at
 * the end, and how much it grew in between by the trend of every sample.
 *
 * <p>The backlog of a suite that keeps up is the orders in flight, the rate times the latency, and
 * a single reading of it swings by half with each batch, pause or burst; two readings (middle and
 * end) made a step that kept up look like one that fell behind, and the other way round. The growth
 * is therefore the least-squares slope of all the samples times the span they cover: a suite that
 * falls behind grows its backlog by the shortfall every second, which the slope sees, and a swing
 * at either end moves it little.
 *
 * @param growth orders by which the trend line rose from the middle to the end
 */
record Backlog(int atMiddle, int atEnd, double growth) {

  /** How often a phase samples its backlog. */
  static final long SAMPLE_EVERY_NANOS = 200_000_000L;

  /** One reading: seconds since the run began, and the orders in flight then. */
  record Sample(double seconds, int orders) {}

  /**
   * From the samples of the second half, in time order, the first at the middle and the last at the
   * end.
   */
  static Backlog of(List<Sample> samples) {
    if (samples.isEmpty()) {
      return new Backlog(0, 0, 0);
    }
    int atMiddle = samples.getFirst().orders();
    int atEnd = samples.getLast().orders();
    double span = samples.getLast().seconds() - samples.getFirst().seconds();
    if (samples.size() < 3 || span <= 0) {
      return new Backlog(atMiddle, atEnd, atEnd - atMiddle);
    }
    return new Backlog(atMiddle, atEnd, slope(samples) * span);
  }

  /** Orders per second by least squares. */
  private static double slope(List<Sample> samples) {
    double meanSeconds = samples.stream().mapToDouble(Sample::seconds).average().orElseThrow();
    double meanOrders = samples.stream().mapToDouble(Sample::orders).average().orElseThrow();
    double covariance = 0;
    double variance = 0;
    for (Sample sample : samples) {
      double dt = sample.seconds() - meanSeconds;
      covariance += dt * (sample.orders() - meanOrders);
      variance += dt * dt;
    }
    return covariance / variance;
  }
}
