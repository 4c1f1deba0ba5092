package io.github.shopsaga.endtoend;

import static io.github.shopsaga.endtoend.Shop.unique;

import io.github.shopsaga.endtoend.Shop.Line;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The catalogue and customers of one drill, unique to it, with their starting stock and balances,
 * and the orders a load driver places against them: a mix that ends confirmed, rejected out of
 * stock and cancelled for a declined payment.
 *
 * <p>Order {@code n} is, by {@code n % 5}: a rich customer buying plenty (confirmed, twice), a rich
 * customer buying the scarce sku (confirmed until it runs out, then rejected {@code OUT_OF_STOCK}),
 * a poor customer (cancelled {@code PAYMENT_DECLINED}), and a rich customer buying both skus.
 */
final class Workload {

  private static final int SCARCE_STOCK = 40;
  private static final int PLENTY_STOCK = 1_000_000;
  private static final String RICH_BALANCE = "1000000.00";
  private static final String POOR_BALANCE = "1.00";

  private final String plenty;
  private final String scarce;
  private final List<String> rich;
  private final List<String> poor;
  private final Map<String, Integer> initialStock = new LinkedHashMap<>();
  private final Map<String, BigDecimal> initialBalances = new LinkedHashMap<>();

  private Workload(String drill) {
    plenty = unique(drill + "-PLENTY");
    scarce = unique(drill + "-SCARCE");
    rich = IntStream.range(0, 6).mapToObj(i -> unique(drill + "-rich" + i)).toList();
    poor = IntStream.range(0, 2).mapToObj(i -> unique(drill + "-poor" + i)).toList();
  }

  /** Creates the drill's products and accounts in the running shop. */
  static Workload create(Shop shop, String drill) {
    Workload workload = new Workload(drill);
    workload.addProduct(shop, workload.plenty, "3.00", PLENTY_STOCK);
    workload.addProduct(shop, workload.scarce, "5.00", SCARCE_STOCK);
    workload.rich.forEach(customer -> workload.openAccount(shop, customer, RICH_BALANCE));
    workload.poor.forEach(customer -> workload.openAccount(shop, customer, POOR_BALANCE));
    return workload;
  }

  /** The customer and lines of the {@code n}-th order of the drill. */
  PlannedOrder order(long n) {
    String richCustomer = rich.get((int) (n % rich.size()));
    return switch ((int) (n % 5)) {
      case 0, 1 -> new PlannedOrder(richCustomer, List.of(new Line(plenty, 1 + (int) (n % 3))));
      case 2 -> new PlannedOrder(richCustomer, List.of(new Line(scarce, 2)));
      case 3 -> new PlannedOrder(poor.get((int) (n % poor.size())), List.of(new Line(plenty, 1)));
      default -> new PlannedOrder(richCustomer, List.of(new Line(plenty, 2), new Line(scarce, 1)));
    };
  }

  List<String> customers() {
    return List.copyOf(initialBalances.keySet());
  }

  Map<String, Integer> initialStock() {
    return Map.copyOf(initialStock);
  }

  Map<String, BigDecimal> initialBalances() {
    return Map.copyOf(initialBalances);
  }

  private void addProduct(Shop shop, String sku, String unitPrice, int stock) {
    shop.addProduct(sku, unitPrice, stock);
    initialStock.put(sku, stock);
  }

  private void openAccount(Shop shop, String customer, String balance) {
    shop.openAccount(customer, balance);
    initialBalances.put(customer, new BigDecimal(balance));
  }

  /** One order a drill places: who orders what. */
  record PlannedOrder(String customerId, List<Line> lines) {}
}
