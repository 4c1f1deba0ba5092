package io.github.shopsaga.loadgen;

import io.github.shopsaga.loadgen.Plan.Mix;
import io.github.shopsaga.loadgen.ShopClient.Urls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line. */
record Options(
    double rate,
    double durationSeconds,
    Ramp ramp,
    double warmupSeconds,
    double warmupRate,
    Urls urls,
    Mix mix,
    int verifySample,
    Duration giveUp,
    Duration minPoll,
    Duration maxPoll,
    boolean streams,
    int connections,
    Duration settle,
    double maxP99Millis,
    Path out,
    Path markdown) {

  static final String USAGE =
      """
      usage: java -jar load-generator.jar (--rate N --duration S | --ramp FROM:TO:STEP:STEP_SECONDS) [options]
        --rate N              orders per second, open loop (fixed mode)
        --duration S          seconds to run at --rate (default 60)
        --ramp A:B:C:D        from A to B orders/s in steps of C, D seconds each; stops at the
                              first clearly overloaded step and reports the highest sustainable rate
        --warmup S[@RATE]     seconds at RATE (default: the first rate) before measuring (default 10;
                              a fresh JVM's JIT compilers need a minute or two at a moderate rate; counted in the
                              invariants, not in the figures)
        --mix R:S:D           percent regular:scarce:declined orders (default 80:10:10)
        --order-url U  --inventory-url U  --payment-url U  --notification-url U
                              (defaults http://localhost:8080 ... 8083)
        --token-url U         the authorization server's token endpoint (default
                              http://localhost:9000/oauth2/token); the generator is the shop-cli
                              client (client credentials, secret from SHOP_AUTH_CLI_SECRET, default
                              shop-cli-secret), acting for its customers and as staff
        --verify-sample N     orders whose payments and notifications are checked (default 1000,
                              0 = all); stock and balances are always checked in full
        --give-up S           seconds after which an order not yet terminal counts as stuck (default 90)
        --follow HOW          streams: one stream of order changes per customer, GETs only for
                              orders not settled within 5 s (default); poll: GET every order
        --poll-ms MIN:MAX     order polling backoff (default 250:2000)
        --connections N       requests in flight at most, beside the streams (default 200): like a
                              proxy's connection pool; an order waiting for one counts the wait in
                              its latency, as it counts from its scheduled send time
        --settle S            seconds to wait for stock/balances/notifications to settle (default 60)
        --max-p99-ms N        p99 bound of a sustainable ramp step (default 1000)
        --out FILE            JSON result (default bench-results/<timestamp>.json)
        --markdown FILE       Markdown table to append a row to (default docs/benchmarks.md; none to skip)
      """;

  /** A ramp of rates: from, from + step, ... up to and including to. */
  record Ramp(double from, double to, double step, double stepSeconds) {

    static Ramp parse(String text) {
      String[] parts = text.split(":");
      if (parts.length != 4) {
        throw new IllegalArgumentException(
            "--ramp is FROM:TO:STEP:STEP_SECONDS, e.g. 200:2000:200:20");
      }
      Ramp ramp =
          new Ramp(
              Double.parseDouble(parts[0]),
              Double.parseDouble(parts[1]),
              Double.parseDouble(parts[2]),
              Double.parseDouble(parts[3]));
      if (ramp.from <= 0 || ramp.to < ramp.from || ramp.step <= 0 || ramp.stepSeconds <= 0) {
        throw new IllegalArgumentException(
            "--ramp needs 0 < FROM <= TO, STEP > 0, STEP_SECONDS > 0");
      }
      return ramp;
    }

    List<Double> rates() {
      List<Double> rates = new ArrayList<>();
      for (double r = from; r <= to + 1e-9; r += step) {
        rates.add(r);
      }
      return rates;
    }
  }

  boolean ramping() {
    return ramp != null;
  }

  double firstRate() {
    return ramping() ? ramp.from() : rate;
  }

  /** The warm-up's rate: as given, or the first measured rate. */
  double warmupRateOrFirst() {
    return warmupRate > 0 ? warmupRate : firstRate();
  }

  static Options parse(String[] args, String timestamp) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value, got " + name);
      }
      values.put(name.substring(2), args[++i]);
    }
    List<String> known =
        List.of(
            "rate",
            "duration",
            "ramp",
            "warmup",
            "mix",
            "order-url",
            "inventory-url",
            "payment-url",
            "notification-url",
            "token-url",
            "verify-sample",
            "give-up",
            "follow",
            "poll-ms",
            "connections",
            "settle",
            "max-p99-ms",
            "out",
            "markdown");
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    Ramp ramp = values.containsKey("ramp") ? Ramp.parse(values.get("ramp")) : null;
    if ((ramp == null) == !values.containsKey("rate")) {
      throw new IllegalArgumentException("give either --rate or --ramp");
    }
    double rate = Double.parseDouble(values.getOrDefault("rate", "0"));
    if (ramp == null && rate <= 0) {
      throw new IllegalArgumentException("--rate must be positive");
    }
    String[] poll = values.getOrDefault("poll-ms", "250:2000").split(":");
    String[] warmup = values.getOrDefault("warmup", "10").split("@");
    String follow = values.getOrDefault("follow", "streams");
    if (!follow.equals("streams") && !follow.equals("poll")) {
      throw new IllegalArgumentException("--follow is streams or poll");
    }
    String markdown = values.getOrDefault("markdown", "docs/benchmarks.md");
    if (!markdown.equals("none") && !markdown.endsWith(".md")) {
      // "--markdown false" once wrote a file named false.
      throw new IllegalArgumentException("--markdown is a .md file, or none to skip the table");
    }
    Urls local = Urls.LOCAL;
    return new Options(
        rate,
        Double.parseDouble(values.getOrDefault("duration", "60")),
        ramp,
        Double.parseDouble(warmup[0]),
        warmup.length > 1 ? Double.parseDouble(warmup[1]) : 0,
        new Urls(
            values.getOrDefault("order-url", local.orders()),
            values.getOrDefault("inventory-url", local.inventory()),
            values.getOrDefault("payment-url", local.payments()),
            values.getOrDefault("notification-url", local.notifications()),
            values.getOrDefault("token-url", local.tokens())),
        Mix.parse(values.getOrDefault("mix", "80:10:10")),
        Integer.parseInt(values.getOrDefault("verify-sample", "1000")),
        Duration.ofSeconds(Long.parseLong(values.getOrDefault("give-up", "90"))),
        Duration.ofMillis(Long.parseLong(poll[0])),
        Duration.ofMillis(Long.parseLong(poll[poll.length - 1])),
        follow.equals("streams"),
        positive("connections", Integer.parseInt(values.getOrDefault("connections", "200"))),
        Duration.ofSeconds(Long.parseLong(values.getOrDefault("settle", "60"))),
        Double.parseDouble(values.getOrDefault("max-p99-ms", "1000")),
        Path.of(values.getOrDefault("out", "bench-results/" + timestamp + ".json")),
        markdown.equals("none") ? null : Path.of(markdown));
  }

  private static int positive(String option, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("--" + option + " must be positive");
    }
    return value;
  }
}
