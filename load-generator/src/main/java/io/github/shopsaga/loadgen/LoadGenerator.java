package io.github.shopsaga.loadgen;

import io.github.shopsaga.loadgen.Plan.OrderSpec;
import io.github.shopsaga.loadgen.ShopClient.Placement;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Seeds a catalogue and accounts of its own, places orders at a fixed open-loop rate (or a ramp of
 * rates), follows every order to its terminal status, checks the invariants and writes the result.
 * Exit status 0 when the invariants hold, 1 when they do not, 2 on a usage error.
 */
public final class LoadGenerator {

  private final Options options;
  private final String timestamp;
  private final ShopClient shop;
  private final Queue<OrderSpec> unknownOutcome = new ConcurrentLinkedQueue<>();
  private Plan plan;
  private Tracker tracker;
  private TimeBase time;
  private int nextIndex;

  private LoadGenerator(Options options, String timestamp) {
    this.options = options;
    this.timestamp = timestamp;
    this.shop = new ShopClient(options.urls(), Duration.ofSeconds(30), options.connections());
  }

  public static void main(String[] args) throws Exception {
    String timestamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Options options;
    try {
      options = Options.parse(args, timestamp);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    boolean ok = new LoadGenerator(options, timestamp).run();
    System.exit(ok ? 0 : 1);
  }

  private boolean run() throws Exception {
    for (String url :
        List.of(
            options.urls().orders(),
            options.urls().inventory(),
            options.urls().payments(),
            options.urls().notifications())) {
      if (!shop.healthy(url)) {
        System.err.println(url + "/actuator/health is not UP: start the suite first");
        return false;
      }
    }
    String prefix =
        "b"
            + timestamp.replace("-", "")
            + "-"
            + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    plan = Plan.create(prefix, options.mix(), Plan.Sizes.DEFAULT);
    seed();

    time = TimeBase.now();
    List<Phase> measured = new ArrayList<>();
    List<String> followed =
        options.streams()
            ? plan.accounts().stream().map(Plan.Account::customerId).toList()
            : List.of();
    try (Tracker t =
        new Tracker(shop, time, followed, options.minPoll(), options.maxPoll(), options.giveUp())) {
      tracker = t;
      long start = System.nanoTime() + 100_000_000L;
      if (options.warmupSeconds() > 0) {
        Phase warmup =
            new Phase(
                "warm-up",
                false,
                Schedule.of(start, options.warmupRateOrFirst(), options.warmupSeconds()));
        drive(warmup);
        start = warmup.schedule.endNanos();
      }
      if (options.ramping()) {
        for (double rate : options.ramp().rates()) {
          Phase step =
              new Phase(
                  "%.0f/s".formatted(rate),
                  true,
                  Schedule.of(start, rate, options.ramp().stepSeconds()));
          measured.add(step);
          drive(step);
          start = step.schedule.endNanos();
          Backlog backlog = step.backlog();
          if (clearlyOverloaded(step.schedule.ratePerSecond(), backlog)) {
            System.out.printf(
                "step %s clearly overloaded (backlog %d -> %d, trend %+.0f): ramp stops%n",
                step.name, backlog.atMiddle(), backlog.atEnd(), backlog.growth());
            break;
          }
        }
      } else {
        Phase phase =
            new Phase(
                "%.0f/s".formatted(options.rate()),
                true,
                Schedule.of(start, options.rate(), options.durationSeconds()));
        measured.add(phase);
        drive(phase);
      }
      drain();
      reconcile();

      List<StepResult> steps = measured.stream().map(p -> StepResult.of(p, tracker, time)).toList();
      System.out.printf("%nverifying %d orders...%n", tracker.all().size());
      Verifier.Result verdict =
          new Verifier(shop, plan, options.settle(), options.verifySample()).verify(tracker.all());
      Report report =
          new Report(
              options,
              timestamp,
              plan.prefix(),
              steps,
              verdict,
              new Report.Following(
                  tracker.streamChanges(),
                  tracker.streamErrors(),
                  tracker.polls(),
                  tracker.pollErrors()));
      report.print(System.out);
      report.writeJson();
      report.appendMarkdown();
      return verdict.ok();
    }
  }

  private void seed() throws InterruptedException {
    AtomicInteger failures = new AtomicInteger();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Plan.Product product : plan.products()) {
        executor.submit(
            () -> check(shop.createProduct(product), "product " + product.sku(), failures));
      }
      for (Plan.Account account : plan.accounts()) {
        executor.submit(
            () -> check(shop.createAccount(account), "account " + account.customerId(), failures));
      }
    }
    if (failures.get() > 0) {
      throw new IllegalStateException("seeding failed for " + failures.get() + " entries");
    }
    System.out.printf(
        "seeded run %s: %d products, %d accounts%n",
        plan.prefix(), plan.products().size(), plan.accounts().size());
  }

  private static Void check(int status, String what, AtomicInteger failures) {
    if (status != 201) {
      System.err.printf("creating %s answered %d%n", what, status);
      failures.incrementAndGet();
    }
    return null;
  }

  /** Sends the phase's orders on schedule, each from its own virtual thread. */
  private void drive(Phase phase) {
    Schedule schedule = phase.schedule;
    long nextProgress = schedule.startNanos() + 5_000_000_000L;
    long nextSample = (schedule.startNanos() + schedule.endNanos()) / 2;
    for (int i = 0; i < schedule.count(); i++) {
      long at = schedule.sendTimeNanos(i);
      sleepUntil(at);
      if (at >= nextSample) {
        sampleBacklog(phase, at);
        nextSample = at + Backlog.SAMPLE_EVERY_NANOS;
      }
      OrderSpec order = plan.order(nextIndex++);
      Thread.ofVirtual().start(() -> send(phase, order, at));
      if (at >= nextProgress) {
        progress(phase);
        nextProgress += 5_000_000_000L;
      }
    }
    sleepUntil(schedule.endNanos());
    sampleBacklog(phase, schedule.endNanos());
    progress(phase);
  }

  private void sampleBacklog(Phase phase, long nanos) {
    phase.backlogSamples.add(new Backlog.Sample(time.runSeconds(nanos), tracker.outstanding()));
  }

  private void progress(Phase phase) {
    System.out.printf(
        "t=%5.1fs %-8s sent %d accepted %d completed %d errors %d backlog %d%n",
        time.runSeconds(System.nanoTime()),
        phase.name,
        phase.sent.sum(),
        phase.accepted.sum(),
        phase.completed.sum(),
        phase.errorCount(),
        tracker.outstanding());
  }

  private void send(Phase phase, OrderSpec order, long scheduledNanos) {
    tracker.sending();
    phase.sent.increment();
    phase.sendLag.recordValue(Math.max(0, (System.nanoTime() - scheduledNanos) / 1000));
    try {
      Placement placement = shop.placeOrder(order);
      long now = System.nanoTime();
      phase.responded(now);
      phase.post.recordValue(Math.max(0, (now - scheduledNanos) / 1000));
      if (placement.accepted()) {
        phase.accepted.increment();
        tracker.accepted(
            new Tracker.Tracked(order, placement.orderId(), phase, scheduledNanos), now);
      } else {
        phase.httpError(placement.status());
        tracker.failed();
        if (placement.status() >= 500) {
          unknownOutcome.add(order);
        }
      }
    } catch (HttpTimeoutException e) {
      phase.httpTimeouts.increment();
      tracker.failed();
      unknownOutcome.add(order);
    } catch (IOException e) {
      phase.ioErrors.increment();
      tracker.failed();
      unknownOutcome.add(order);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tracker.failed();
    }
  }

  /**
   * A step so far behind that a higher one cannot be sustainable: stop before drowning the suite.
   */
  private static boolean clearlyOverloaded(double rate, Backlog backlog) {
    return backlog.atEnd() > 2 * rate || backlog.growth() > 0.5 * rate;
  }

  /** Waits until every order is terminal or given up on. */
  private void drain() {
    long deadline = System.nanoTime() + options.giveUp().toNanos() + 10_000_000_000L;
    long nextProgress = System.nanoTime();
    while (tracker.outstanding() > 0 && System.nanoTime() < deadline) {
      if (System.nanoTime() >= nextProgress) {
        System.out.printf(
            "t=%5.1fs draining: %d orders not terminal yet%n",
            time.runSeconds(System.nanoTime()), tracker.outstanding());
        nextProgress += 5_000_000_000L;
      }
      sleepUntil(System.nanoTime() + 100_000_000L);
    }
  }

  /**
   * Orders whose POST failed without a clear answer (timeout, 5xx) may exist anyway: repeating the
   * POST with the same Idempotency-Key finds them (or places them now), so the invariants account
   * for every unit and cent. They do not count in the figures.
   */
  private void reconcile() {
    if (unknownOutcome.isEmpty()) {
      return;
    }
    Phase phase = new Phase("reconciled", false, new Schedule(System.nanoTime(), 1, 0));
    List<OrderSpec> orders = new ArrayList<>(unknownOutcome);
    unknownOutcome.clear();
    System.out.printf("repeating %d POSTs whose outcome is unknown%n", orders.size());
    for (OrderSpec order : orders) {
      send(phase, order, System.nanoTime());
    }
    if (!unknownOutcome.isEmpty()) {
      System.out.printf(
          "%d orders still have an unknown outcome (%s)%n", unknownOutcome.size(), phase.errors());
    }
    drain();
  }

  private static void sleepUntil(long nanoTime) {
    for (long wait; (wait = nanoTime - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(wait);
    }
  }
}
