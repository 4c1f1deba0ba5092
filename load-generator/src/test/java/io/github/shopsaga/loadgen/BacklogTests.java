package io.github.shopsaga.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class BacklogTests {

  /** Samples every 0.2 s over 15 s, the second half of a 30 s step. */
  private static List<Backlog.Sample> samples(IntToDoubleFunction ordersAt) {
    List<Backlog.Sample> samples = new ArrayList<>();
    for (int i = 0; i <= 75; i++) {
      samples.add(new Backlog.Sample(15 + i * 0.2, (int) Math.round(ordersAt.applyAsDouble(i))));
    }
    return samples;
  }

  @Test
  void judgesAFlatBacklogFlatThoughItEndsOnABurst() {
    // 100 orders in flight, swinging by 40 with every batch, and 190 at the very last reading.
    Backlog backlog = Backlog.of(samples(i -> i == 75 ? 190 : 100 + (i % 2 == 0 ? 40 : -40)));

    assertThat(backlog.atEnd() - backlog.atMiddle()).isEqualTo(50);
    assertThat(backlog.growth()).isLessThan(10);
  }

  @Test
  void seesABacklogGrowByTheShortfallThoughItEndsInALull() {
    // Completing 20 orders a second fewer than arrive: 300 more over 15 s, and a dip at the end.
    Backlog backlog = Backlog.of(samples(i -> i == 75 ? 100 : 100 + 20 * i * 0.2));

    assertThat(backlog.atEnd() - backlog.atMiddle()).isZero();
    assertThat(backlog.growth()).isCloseTo(300, within(30.0));
  }

  @Test
  void fallsBackOnTheEndsWithTooFewSamples() {
    Backlog backlog = Backlog.of(List.of(new Backlog.Sample(1, 10), new Backlog.Sample(2, 40)));

    assertThat(backlog.growth()).isEqualTo(30);
    assertThat(Backlog.of(List.of()).growth()).isZero();
  }
}
