package io.github.shopsaga.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/** The result of a run: on the console, as JSON, and as a row of docs/benchmarks.md. */
final class Report {

  static final String TABLE_HEADER =
      """
      | date (UTC) | commit | cores | memory | run | offered/s | achieved/s | completed sagas/s | p50 | p95 | p99 | max | HTTP errors | not terminal | invariants |
      | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
      """;

  private final Options options;
  private final String timestamp;
  private final String runPrefix;
  private final List<StepResult> steps;
  private final Verifier.Result verdict;
  private final Following following;
  private final String commit = commit();
  private final int cores = Runtime.getRuntime().availableProcessors();
  private final String memory = memory();

  Report(
      Options options,
      String timestamp,
      String runPrefix,
      List<StepResult> steps,
      Verifier.Result verdict,
      Following following) {
    this.options = options;
    this.timestamp = timestamp;
    this.runPrefix = runPrefix;
    this.steps = steps;
    this.verdict = verdict;
    this.following = following;
  }

  /** How the orders were followed: changes streamed, GETs made, and how many of each failed. */
  record Following(long streamChanges, long streamErrors, long polls, long pollErrors) {}

  /** The highest rate sustained with every lower step sustained too; null if none was. */
  static StepResult highestSustainable(List<StepResult> steps, double maxP99Millis) {
    StepResult best = null;
    for (StepResult step : steps) {
      if (!step.sustainable(maxP99Millis)) {
        break;
      }
      best = step;
    }
    return best;
  }

  /**
   * The highest step that was sustainable by itself, whatever the steps below it did; null if none
   * was. Above {@link #highestSustainable} when a lower step missed (a lull, a stall, a backlog
   * trend just over its allowance) and a higher one held: the report names both.
   */
  static StepResult highestHeld(List<StepResult> steps, double maxP99Millis) {
    return steps.stream()
        .filter(step -> step.sustainable(maxP99Millis))
        .reduce((lower, higher) -> higher)
        .orElse(null);
  }

  /** The ramp's verdict in words: the highest sustainable rate, and a higher step that held. */
  static String verdict(List<StepResult> steps, double maxP99Millis) {
    StepResult best = highestSustainable(steps, maxP99Millis);
    StepResult held = highestHeld(steps, maxP99Millis);
    String verdict = best == null ? "none" : best.name();
    return held == null || held == best ? verdict : verdict + " (" + held.name() + " held)";
  }

  /** The step the headline figures come from: the measured phase, or the ramp's best step. */
  StepResult headline() {
    if (!options.ramping()) {
      return steps.getFirst();
    }
    StepResult best = highestSustainable(steps, options.maxP99Millis());
    return best != null ? best : steps.getFirst();
  }

  void print(PrintStream out) {
    out.println();
    out.printf("run %s  commit %s  %d cores  %s%n", runPrefix, commit, cores, memory);
    for (StepResult step : steps) {
      out.printf(
          "%n== %s offered %.1f/s  achieved %.1f/s  completed sagas %.1f/s  (sent %d, accepted %d, terminal %d, stuck %d)%n",
          step.name(),
          step.offeredPerSecond(),
          step.achievedPerSecond(),
          step.completedPerSecond(),
          step.sent(),
          step.accepted(),
          step.completed(),
          step.notTerminal());
      out.printf("   POST-to-terminal    %s%n", step.terminal().describe());
      out.printf("   seen by polling     %s%n", step.observed().describe());
      out.printf("   POST answered (202) %s%n", step.post().describe());
      out.printf("   generator send lag  %s%n", step.sendLag().describe());
      out.printf(
          "   backlog mid/end %d/%d (trend %+.0f)   HTTP errors %s   %s%n",
          step.backlog().atMiddle(),
          step.backlog().atEnd(),
          step.backlog().growth(),
          step.errors().isEmpty() ? "none" : step.errors(),
          step.sustainable(options.maxP99Millis()) ? "sustainable" : "NOT sustainable");
    }
    if (options.ramping()) {
      out.printf(
          "%nhighest sustainable rate (every step up to it sustained): %s%n",
          verdict(steps, options.maxP99Millis()));
    }
    out.printf(
        "%norder changes streamed %d (%d stream failures), order polls %d (%d failed)%n",
        following.streamChanges(),
        following.streamErrors(),
        following.polls(),
        following.pollErrors());
    out.printf(
        "invariants %s: %d orders (%d not terminal), outcomes %s (plan %s), %d skus and %d accounts checked, payments and notifications of %d orders%n",
        verdict.ok() ? "OK" : "FAILED",
        verdict.orders(),
        verdict.notTerminal(),
        verdict.observed(),
        verdict.expected(),
        verdict.skus(),
        verdict.accounts(),
        verdict.sampledForPaymentsAndNotifications());
    verdict.problems().forEach(p -> out.println("  - " + p));
    if (verdict.problemCount() > verdict.problems().size()) {
      out.printf("  ... and %d more%n", verdict.problemCount() - verdict.problems().size());
    }
  }

  void writeJson() throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("timestamp", timestamp);
    result.put("runPrefix", runPrefix);
    result.put("commit", commit);
    result.put("cores", cores);
    result.put("memory", memory);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("mode", options.ramping() ? "ramp" : "fixed");
    settings.put("rate", options.ramping() ? null : options.rate());
    settings.put("durationSeconds", options.ramping() ? null : options.durationSeconds());
    settings.put("ramp", options.ramp());
    settings.put("warmupSeconds", options.warmupSeconds());
    settings.put("warmupRate", options.warmupRateOrFirst());
    settings.put("mix", options.mix());
    settings.put("maxP99Millis", options.maxP99Millis());
    result.put("settings", settings);
    result.put("steps", steps.stream().map(this::stepJson).toList());
    if (options.ramping()) {
      StepResult best = highestSustainable(steps, options.maxP99Millis());
      StepResult held = highestHeld(steps, options.maxP99Millis());
      result.put("highestSustainableRate", best == null ? null : best.offeredPerSecond());
      result.put("highestHeldRate", held == null ? null : held.offeredPerSecond());
    }
    result.put("orderChangesStreamed", following.streamChanges());
    result.put("orderStreamFailures", following.streamErrors());
    result.put("orderPolls", following.polls());
    result.put("orderPollErrors", following.pollErrors());
    result.put("invariants", verdict);
    Path out = options.out();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(out, result);
    System.out.println("wrote " + out);
  }

  void appendMarkdown() throws IOException {
    Path file = options.markdown();
    if (file == null) {
      return;
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    StringBuilder text = new StringBuilder();
    String existing = Files.exists(file) ? Files.readString(file) : "";
    if (existing.isEmpty()) {
      text.append("# Benchmarks\n\n")
          .append(
              "Rows are appended by the load generator (`bench/run.sh`); see load-generator/README.md.\n")
          .append(
              "Latencies are POST-to-terminal, measured from each order's scheduled send time.\n\n");
    }
    if (!existing.contains(TABLE_HEADER.lines().findFirst().orElseThrow())) {
      text.append(existing.isEmpty() || existing.endsWith("\n\n") ? "" : "\n").append(TABLE_HEADER);
    } else if (!existing.isEmpty() && !existing.endsWith("\n")) {
      text.append("\n");
    }
    text.append(markdownRow()).append("\n");
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.println("appended a row to " + file);
  }

  String markdownRow() {
    StepResult step = headline();
    String run =
        options.ramping()
            ? "ramp %s → sustainable %s"
                .formatted(rampText(), verdict(steps, options.maxP99Millis()))
            : "fixed %.0f s".formatted(options.durationSeconds());
    long errors = step.errors().values().stream().mapToLong(Long::longValue).sum();
    return "| %s | %s | %d | %s | %s | %.0f | %.1f | %.1f | %s | %s | %s | %s | %d | %d | %s |"
        .formatted(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now()),
            commit,
            cores,
            memory,
            run,
            step.offeredPerSecond(),
            step.achievedPerSecond(),
            step.completedPerSecond(),
            Latency.ms(step.terminal().p50()),
            Latency.ms(step.terminal().p95()),
            Latency.ms(step.terminal().p99()),
            Latency.ms(step.terminal().max()),
            errors,
            verdict.notTerminal(),
            verdict.ok() ? "OK" : "FAILED");
  }

  private String rampText() {
    Options.Ramp r = options.ramp();
    return "%.0f:%.0f:%.0f:%.0f".formatted(r.from(), r.to(), r.step(), r.stepSeconds());
  }

  private Map<String, Object> stepJson(StepResult step) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", step.name());
    json.put("offeredPerSecond", step.offeredPerSecond());
    json.put("achievedPerSecond", step.achievedPerSecond());
    json.put("completedSagasPerSecond", step.completedPerSecond());
    json.put("sent", step.sent());
    json.put("accepted", step.accepted());
    json.put("completed", step.completed());
    json.put("notTerminal", step.notTerminal());
    json.put("errors", step.errors());
    json.put("backlogAtMiddle", step.backlog().atMiddle());
    json.put("backlogAtEnd", step.backlog().atEnd());
    json.put("backlogGrowth", Math.round(step.backlog().growth()));
    json.put("postToTerminalMillis", step.terminal());
    json.put("seenByPollingMillis", step.observed());
    json.put("postAnsweredMillis", step.post());
    json.put("sendLagMillis", step.sendLag());
    json.put("sustainable", step.sustainable(options.maxP99Millis()));
    return json;
  }

  private static String commit() {
    String head = command("git", "rev-parse", "--short", "HEAD");
    if (head == null) {
      return "unknown";
    }
    String changes = command("git", "status", "--porcelain", "--untracked-files=no");
    return changes == null || changes.isBlank() ? head : head + "-dirty";
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("\\D", ""));
          return "%.1f GiB".formatted(kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: say so rather than guess.
    }
    return "unknown";
  }

  private static String command(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      return output;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
