package io.github.shopsaga.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyTests {

  @Test
  void reportsPercentilesInMillisecondsFromMicroseconds() {
    Histogram micros = new Histogram(3);
    for (int ms = 1; ms <= 1_000; ms++) {
      micros.recordValue(ms * 1_000L);
    }

    Latency latency = Latency.of(micros);

    assertThat(latency.count()).isEqualTo(1_000);
    assertThat(latency.p50()).isCloseTo(500, within(1.0));
    assertThat(latency.p95()).isCloseTo(950, within(1.0));
    assertThat(latency.p99()).isCloseTo(990, within(1.0));
    assertThat(latency.max()).isCloseTo(1_000, within(1.0));
    assertThat(latency.mean()).isCloseTo(500.5, within(1.0));
  }

  @Test
  void letsTheSlowTailShowInP99AndMax() {
    Histogram micros = new Histogram(3);
    micros.recordValueWithCount(20_000, 985);
    micros.recordValueWithCount(2_000_000, 15);

    Latency latency = Latency.of(micros);

    assertThat(latency.p50()).isCloseTo(20, within(0.1));
    assertThat(latency.p99()).isCloseTo(2_000, within(2.0));
    assertThat(latency.max()).isCloseTo(2_000, within(2.0));
  }

  @Test
  void saysSoWhenNothingWasRecorded() {
    assertThat(Latency.of(new Histogram(3))).isEqualTo(Latency.NONE);
    assertThat(Latency.NONE.describe()).isEqualTo("no samples");
  }
}
