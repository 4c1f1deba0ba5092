package io.github.shopsaga.loadgen;

import java.util.Map;

/**
 * The figures of one phase, and whether its rate is sustainable: p99 within the bound, the
 * backlog's trend flat over the second half of the phase ({@link Backlog}), sagas completing as
 * fast as orders arrive, and (almost) no errors.
 */
record StepResult(
    String name,
    double offeredPerSecond,
    double achievedPerSecond,
    double completedPerSecond,
    long sent,
    long accepted,
    long completed,
    long notTerminal,
    Map<String, Long> errors,
    Backlog backlog,
    Latency terminal,
    Latency observed,
    Latency post,
    Latency sendLag) {

  boolean sustainable(double maxP99Millis) {
    long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
    double allowedGrowth = Math.max(0.2 * offeredPerSecond, 20);
    return terminal.count() > 0
        && terminal.p99() <= maxP99Millis
        && backlog.growth() <= allowedGrowth
        && completedPerSecond >= 0.95 * offeredPerSecond
        && errorCount <= 0.001 * sent
        && notTerminal == 0;
  }

  static StepResult of(Phase phase, Tracker tracker, TimeBase time) {
    long from = (long) Math.floor(time.runSeconds(phase.schedule.startNanos()));
    long to = (long) Math.floor(time.runSeconds(phase.schedule.endNanos()));
    // The first second is skipped: the sagas of the previous rate are still finishing in it.
    double completedPerSecond =
        to - from >= 3 ? tracker.completionRate(from + 1, to) : tracker.completionRate(from, to);
    return new StepResult(
        phase.name,
        phase.schedule.ratePerSecond(),
        phase.achievedPerSecond(),
        completedPerSecond,
        phase.sent.sum(),
        phase.accepted.sum(),
        phase.completed.sum(),
        phase.notTerminal.sum(),
        phase.errors(),
        phase.backlog(),
        Latency.of(phase.terminal),
        Latency.of(phase.observed),
        Latency.of(phase.post),
        Latency.of(phase.sendLag));
  }
}
