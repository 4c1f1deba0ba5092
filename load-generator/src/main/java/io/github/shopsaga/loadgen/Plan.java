package io.github.shopsaga.loadgen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * What a run seeds and orders, chosen so that the number of each outcome is known in advance for
 * any prefix of the orders, whatever order the saga processes them in:
 *
 * <ul>
 *   <li>{@link Kind#REGULAR}: a rich customer buys 1–3 plentiful skus → CONFIRMED.
 *   <li>{@link Kind#SCARCE}: a rich customer buys one unit of a scarce sku (and one plentiful unit,
 *       so a rejection must release nothing) → the first {@code stock} of them per scarce sku are
 *       CONFIRMED, every later one REJECTED OUT_OF_STOCK. Which ones win depends on timing; how
 *       many do does not, and a single extra confirmation means the sku was oversold.
 *   <li>{@link Kind#DECLINED}: a customer with a balance below any price buys one plentiful unit →
 *       CANCELLED PAYMENT_DECLINED, with its reservation released.
 * </ul>
 *
 * All ids start with the run prefix, so a run depends neither on demo data nor on earlier runs.
 */
final class Plan {

  enum Kind {
    REGULAR,
    SCARCE,
    DECLINED
  }

  record Product(String sku, String name, BigDecimal unitPrice, int stock) {}

  record Account(String customerId, BigDecimal balance) {}

  record Line(String sku, int quantity) {}

  record OrderSpec(
      int index, Kind kind, String customerId, String customerEmail, List<Line> lines) {

    /** Sent as Idempotency-Key, so a POST whose answer was lost can be repeated safely. */
    String idempotencyKey() {
      return "bench-" + index;
    }
  }

  /** Shares in percent of the orders: regular, scarce (mostly rejected), declined. */
  record Mix(int regularPercent, int scarcePercent, int declinedPercent) {

    static final Mix DEFAULT = new Mix(80, 10, 10);

    Mix {
      if (regularPercent < 0
          || scarcePercent < 0
          || declinedPercent < 0
          || regularPercent + scarcePercent + declinedPercent != 100) {
        throw new IllegalArgumentException(
            "mix must be three non-negative percentages adding up to 100");
      }
    }

    static Mix parse(String text) {
      String[] parts = text.split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException("mix is regular:scarce:declined, e.g. 80:10:10");
      }
      return new Mix(
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
  }

  /** How much to seed. The scarce stock is small on purpose: it runs out early in every run. */
  record Sizes(
      int plentifulSkus, int scarceSkus, int scarceStock, int richCustomers, int poorCustomers) {

    static final Sizes DEFAULT = new Sizes(40, 4, 5, 100, 20);
  }

  /** Counts of terminal outcomes. */
  record Outcomes(long confirmed, long rejectedOutOfStock, long cancelledDeclined) {

    long total() {
      return confirmed + rejectedOutOfStock + cancelledDeclined;
    }
  }

  static final int PLENTIFUL_STOCK = 1_000_000;
  static final BigDecimal RICH_BALANCE = new BigDecimal("100000000.00");
  static final BigDecimal POOR_BALANCE = new BigDecimal("1.00");
  private static final BigDecimal SCARCE_PRICE = new BigDecimal("9.99");
  private static final int BLOCK = 100;
  private static final long SEED = 20_260_101L;

  private final String prefix;
  private final List<Product> plentiful;
  private final List<Product> scarce;
  private final List<Account> rich;
  private final List<Account> poor;
  private final Map<String, Product> productsBySku = new HashMap<>();
  private final Kind[] block;

  private Plan(String prefix, Mix mix, Sizes sizes) {
    this.prefix = prefix;
    List<Product> plentifulProducts = new ArrayList<>();
    for (int k = 0; k < sizes.plentifulSkus(); k++) {
      BigDecimal price =
          new BigDecimal("2.50")
              .add(new BigDecimal("0.75").multiply(BigDecimal.valueOf((k * 7L) % 40)))
              .setScale(2, RoundingMode.UNNECESSARY);
      plentifulProducts.add(
          new Product("%s-P%03d".formatted(prefix, k), "Bench item " + k, price, PLENTIFUL_STOCK));
    }
    List<Product> scarceProducts = new ArrayList<>();
    for (int k = 0; k < sizes.scarceSkus(); k++) {
      scarceProducts.add(
          new Product(
              "%s-S%02d".formatted(prefix, k),
              "Bench rarity " + k,
              SCARCE_PRICE,
              sizes.scarceStock()));
    }
    this.plentiful = List.copyOf(plentifulProducts);
    this.scarce = List.copyOf(scarceProducts);
    this.rich = accounts("rich", sizes.richCustomers(), RICH_BALANCE);
    this.poor = accounts("poor", sizes.poorCustomers(), POOR_BALANCE);
    plentiful.forEach(p -> productsBySku.put(p.sku(), p));
    scarce.forEach(p -> productsBySku.put(p.sku(), p));
    this.block = block(mix);
    if (plentiful.size() < 3
        || rich.isEmpty()
        || (mix.scarcePercent() > 0 && scarce.isEmpty())
        || (mix.declinedPercent() > 0 && poor.isEmpty())) {
      throw new IllegalArgumentException("sizes too small for the mix: " + sizes);
    }
  }

  static Plan create(String prefix, Mix mix, Sizes sizes) {
    return new Plan(prefix, mix, sizes);
  }

  String prefix() {
    return prefix;
  }

  List<Product> products() {
    List<Product> all = new ArrayList<>(plentiful);
    all.addAll(scarce);
    return all;
  }

  List<Account> accounts() {
    List<Account> all = new ArrayList<>(rich);
    all.addAll(poor);
    return all;
  }

  Product product(String sku) {
    return productsBySku.get(sku);
  }

  /** The {@code index}-th order of the run; the same index always gives the same order. */
  OrderSpec order(int index) {
    Kind kind = block[index % BLOCK];
    SplittableRandom random = new SplittableRandom(SEED * 31 + index);
    return switch (kind) {
      case REGULAR -> {
        Account customer = rich.get(index % rich.size());
        int lineCount = 1 + random.nextInt(3);
        List<Line> lines = new ArrayList<>();
        int first = random.nextInt(plentiful.size());
        for (int l = 0; l < lineCount; l++) {
          // Distinct skus: the same sku twice in one order is a client mistake (400).
          Product product = plentiful.get((first + l) % plentiful.size());
          lines.add(new Line(product.sku(), 1 + random.nextInt(3)));
        }
        yield spec(index, kind, customer, lines);
      }
      case SCARCE -> {
        Account customer = rich.get(index % rich.size());
        Product rarity = scarce.get((index / BLOCK + index) % scarce.size());
        Product filler = plentiful.get(random.nextInt(plentiful.size()));
        yield spec(
            index, kind, customer, List.of(new Line(rarity.sku(), 1), new Line(filler.sku(), 1)));
      }
      case DECLINED -> {
        Account customer = poor.get(index % poor.size());
        Product product = plentiful.get(random.nextInt(plentiful.size()));
        yield spec(index, kind, customer, List.of(new Line(product.sku(), 1)));
      }
    };
  }

  /** The outcomes the saga must reach for exactly these orders (those the suite accepted). */
  Outcomes expectedOutcomes(Collection<OrderSpec> accepted) {
    long regular = 0;
    long declined = 0;
    Map<String, Long> scarceDemand = new HashMap<>();
    for (OrderSpec order : accepted) {
      switch (order.kind()) {
        case REGULAR -> regular++;
        case DECLINED -> declined++;
        case SCARCE -> scarceDemand.merge(order.lines().getFirst().sku(), 1L, Long::sum);
      }
    }
    long scarceConfirmed = 0;
    long rejected = 0;
    for (Map.Entry<String, Long> demand : scarceDemand.entrySet()) {
      long stock = productsBySku.get(demand.getKey()).stock();
      scarceConfirmed += Math.min(stock, demand.getValue());
      rejected += Math.max(0, demand.getValue() - stock);
    }
    return new Outcomes(regular + scarceConfirmed, rejected, declined);
  }

  /** What the order costs at the seeded prices. */
  BigDecimal total(OrderSpec order) {
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    for (Line line : order.lines()) {
      total =
          total.add(
              productsBySku
                  .get(line.sku())
                  .unitPrice()
                  .multiply(BigDecimal.valueOf(line.quantity())));
    }
    return total;
  }

  private OrderSpec spec(int index, Kind kind, Account customer, List<Line> lines) {
    return new OrderSpec(
        index, kind, customer.customerId(), customer.customerId() + "@bench.example", lines);
  }

  private List<Account> accounts(String kind, int count, BigDecimal balance) {
    List<Account> accounts = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      accounts.add(new Account("%s-%s-%03d".formatted(prefix, kind, n), balance));
    }
    return List.copyOf(accounts);
  }

  /** A shuffled block of 100 kinds in the mix's proportions, repeated over the whole run. */
  private static Kind[] block(Mix mix) {
    List<Kind> kinds = new ArrayList<>();
    for (int n = 0; n < mix.regularPercent(); n++) {
      kinds.add(Kind.REGULAR);
    }
    for (int n = 0; n < mix.scarcePercent(); n++) {
      kinds.add(Kind.SCARCE);
    }
    for (int n = 0; n < mix.declinedPercent(); n++) {
      kinds.add(Kind.DECLINED);
    }
    Collections.shuffle(kinds, new Random(SEED));
    return kinds.toArray(Kind[]::new);
  }

  /** Initial stock by sku, in seeding order. */
  Map<String, Integer> initialStock() {
    Map<String, Integer> stock = new LinkedHashMap<>();
    products().forEach(p -> stock.put(p.sku(), p.stock()));
    return stock;
  }

  /** Initial balance by customer, in seeding order. */
  Map<String, BigDecimal> initialBalances() {
    Map<String, BigDecimal> balances = new LinkedHashMap<>();
    accounts().forEach(a -> balances.put(a.customerId(), a.balance()));
    return balances;
  }
}
