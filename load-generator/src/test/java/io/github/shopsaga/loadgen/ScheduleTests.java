package io.github.shopsaga.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ScheduleTests {

  @Test
  void spacesSendTimesEvenlyAtTheRateWhateverTheAnswers() {
    Schedule schedule = Schedule.of(1_000, 400, 60);

    assertThat(schedule.count()).isEqualTo(24_000);
    assertThat(schedule.sendTimeNanos(0)).isEqualTo(1_000);
    assertThat(schedule.sendTimeNanos(1)).isEqualTo(1_000 + 2_500_000);
    assertThat(schedule.sendTimeNanos(400)).isEqualTo(1_000 + 1_000_000_000L);
    assertThat(schedule.sendTimeNanos(23_999)).isEqualTo(1_000 + 59_997_500_000L);
  }

  @Test
  void keepsFractionalRatesFromDrifting() {
    Schedule schedule = Schedule.of(0, 3, 10);

    assertThat(schedule.count()).isEqualTo(30);
    assertThat(schedule.sendTimeNanos(1)).isEqualTo(333_333_333L);
    assertThat(schedule.sendTimeNanos(29)).isEqualTo(9_666_666_667L);
    assertThat(schedule.endNanos()).isEqualTo(10_000_000_000L);
  }

  @Test
  void startsTheNextPhaseWhereThePreviousEnds() {
    Schedule warmup = Schedule.of(0, 50, 20);
    Schedule measured = Schedule.of(warmup.endNanos(), 200, 30);

    assertThat(measured.sendTimeNanos(0)).isEqualTo(20_000_000_000L);
    assertThat(measured.endNanos()).isEqualTo(50_000_000_000L);
    assertThat(warmup.count() + measured.count()).isEqualTo(1_000 + 6_000);
  }

  @Test
  void refusesARateThatIsNotPositive() {
    assertThatIllegalArgumentException().isThrownBy(() -> Schedule.of(0, 0, 10));
  }
}
