package io.github.shopsaga.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTests {

  private static StepResult step(
      double rate, double completed, double p99, int backlogMid, int backlogEnd) {
    return step(rate, completed, p99, new Backlog(backlogMid, backlogEnd, backlogEnd - backlogMid));
  }

  private static StepResult step(double rate, double completed, double p99, Backlog backlog) {
    Latency latency = new Latency(1_000, p99 / 3, p99 / 2, p99, p99 * 2, p99 / 3);
    return new StepResult(
        "%.0f/s".formatted(rate),
        rate,
        rate,
        completed,
        1_000,
        1_000,
        1_000,
        0,
        Map.of(),
        backlog,
        latency,
        latency,
        latency,
        Latency.NONE);
  }

  @Test
  void callsAStepSustainableWhenItKeepsUp() {
    assertThat(step(400, 399, 120, 30, 32).sustainable(1_000)).isTrue();
  }

  @Test
  void callsAStepUnsustainableWhenTheBacklogGrowsOrTheTailIsTooSlow() {
    assertThat(step(1_000, 990, 300, 400, 900).sustainable(1_000)).isFalse();
    assertThat(step(1_000, 990, 1_500, 50, 60).sustainable(1_000)).isFalse();
    assertThat(step(1_000, 700, 300, 50, 60).sustainable(1_000)).isFalse();
  }

  @Test
  void judgesTheBacklogByItsTrendRatherThanItsLastReading() {
    // Ends on a burst, trend flat; ends in a lull, trend rising.
    assertThat(step(400, 399, 120, new Backlog(100, 250, 12)).sustainable(1_000)).isTrue();
    assertThat(step(400, 399, 120, new Backlog(250, 100, 300)).sustainable(1_000)).isFalse();
  }

  @Test
  void findsTheHighestRateBeforeTheFirstUnsustainableStep() {
    List<StepResult> steps =
        List.of(
            step(200, 200, 50, 5, 5),
            step(400, 400, 80, 10, 10),
            step(600, 450, 2_500, 100, 2_000),
            step(800, 800, 90, 10, 10));

    assertThat(Report.highestSustainable(steps, 1_000).offeredPerSecond()).isEqualTo(400);
    assertThat(Report.highestSustainable(steps.subList(2, 3), 1_000)).isNull();
  }

  @Test
  void namesAHigherStepThatHeldAfterALowerOneMissed() {
    List<StepResult> steps =
        List.of(
            step(300, 300, 300, 10, 10),
            step(400, 398, 400, new Backlog(60, 160, 99)),
            step(500, 500, 700, 50, 60),
            step(600, 570, 1_200, 100, 900));

    assertThat(Report.highestSustainable(steps, 1_000).offeredPerSecond()).isEqualTo(300);
    assertThat(Report.highestHeld(steps, 1_000).offeredPerSecond()).isEqualTo(500);
    assertThat(Report.verdict(steps, 1_000)).isEqualTo("300/s (500/s held)");
    assertThat(Report.verdict(steps.subList(0, 1), 1_000)).isEqualTo("300/s");
    assertThat(Report.verdict(steps.subList(3, 4), 1_000)).isEqualTo("none");
  }
}
