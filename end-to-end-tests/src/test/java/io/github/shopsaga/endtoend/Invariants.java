package io.github.shopsaga.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.endtoend.Shop.Notification;
import io.github.shopsaga.endtoend.Shop.Order;
import io.github.shopsaga.endtoend.Shop.OrderPage;
import io.github.shopsaga.endtoend.Shop.Payment;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What must hold after any drill, checked over HTTP (and in the SMTP server's inbox) for the
 * drill's customers and skus only:
 *
 * <ul>
 *   <li>every order settles (CONFIRMED, REJECTED or CANCELLED);
 *   <li>per sku, available = initial − confirmed quantities, and nothing stays reserved;
 *   <li>per customer, balance = initial − confirmed totals;
 *   <li>a confirmed order has exactly one payment, CHARGED for its total; a failed one has none
 *       left CHARGED (DECLINED or REFUNDED, at most one);
 *   <li>exactly one notification per order, of its outcome, sent; and exactly one e-mail for it in
 *       the SMTP server (by recipient and subject);
 *   <li>no order was seen settled and later otherwise (above all CANCELLED, then CONFIRMED).
 * </ul>
 *
 * Returns a {@link Snapshot} of the effects, so a drill can also prove that something it did later
 * (a replay) changed none of them.
 */
final class Invariants {

  /** Generous: a drill's backlog on a busy machine, plus the saga deadline of 60 s. */
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

  private static final Duration EFFECTS_TIMEOUT = Duration.ofMinutes(2);
  private static final Set<String> SETTLED = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
  private static final int PAGE_SIZE = 100;

  private Invariants() {}

  /**
   * Whether an e-mail may have been handed to the SMTP server twice: only when notification-service
   * was killed, in the documented window between the server's acceptance and the commit of SENT.
   * The copies then carry the same Message-ID.
   */
  enum Mail {
    EXACTLY_ONCE,
    ONCE_PER_MESSAGE_ID
  }

  /** Waits for every order of the drill to settle and its effects to land, then checks them. */
  static Snapshot check(Suite suite, Workload workload, StatusWatcher watcher, Mail mail) {
    Shop shop = Suite.shop();
    List<Order> orders = awaitAllSettled(shop, workload);

    Map<String, Integer> expectedStock = new TreeMap<>(workload.initialStock());
    Map<String, BigDecimal> expectedBalances = new TreeMap<>(workload.initialBalances());
    orders.stream()
        .filter(order -> order.status().equals("CONFIRMED"))
        .forEach(
            order -> {
              order
                  .items()
                  .forEach(item -> expectedStock.merge(item.sku(), -item.quantity(), Integer::sum));
              expectedBalances.merge(order.customerId(), order.total().negate(), BigDecimal::add);
            });
    await("stock and balances of the drill")
        .atMost(EFFECTS_TIMEOUT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              expectedStock.forEach(
                  (sku, available) -> {
                    Shop.Product product = shop.product(sku);
                    assertThat(product.available()).as("available of %s", sku).isEqualTo(available);
                    assertThat(product.reserved()).as("reserved of %s", sku).isZero();
                  });
              expectedBalances.forEach(
                  (customer, balance) ->
                      assertThat(shop.account(customer).balance())
                          .as("balance of %s", customer)
                          .isEqualByComparingTo(balance));
            });

    // Each order's payments and notification, eight orders at a time: a drill has hundreds.
    Map<UUID, List<String>> payments = new ConcurrentSkipListMap<>();
    Map<UUID, Notification> notifications = new ConcurrentSkipListMap<>();
    forEachConcurrently(
        orders,
        order -> {
          payments.put(order.id(), awaitPayments(shop, order));
          notifications.put(order.id(), awaitNotificationSent(shop, order));
        });

    Map<String, List<String>> mails = messageIdsByRecipientAndSubject(suite);
    Map<UUID, Integer> mailsPerOrder = new TreeMap<>();
    for (Order order : orders) {
      Notification notification = notifications.get(order.id());
      List<String> messageIds =
          mails.getOrDefault(key(notification.recipient(), notification.subject()), List.of());
      switch (mail) {
        case EXACTLY_ONCE ->
            assertThat(messageIds)
                .as("e-mails of order %s (%s)", order.id(), notification.subject())
                .hasSize(1);
        case ONCE_PER_MESSAGE_ID ->
            assertThat(Set.copyOf(messageIds))
                .as("Message-IDs of the e-mails of order %s", order.id())
                .hasSize(1);
      }
      mailsPerOrder.put(order.id(), messageIds.size());
    }

    assertThat(watcher.violations())
        .as("orders seen settled and later in another status")
        .isEmpty();

    Map<String, Integer> stock = new TreeMap<>();
    expectedStock.keySet().forEach(sku -> stock.put(sku, shop.product(sku).available()));
    Map<String, BigDecimal> balances = new TreeMap<>();
    expectedBalances
        .keySet()
        .forEach(
            customer ->
                balances.put(customer, shop.account(customer).balance().stripTrailingZeros()));
    Map<UUID, String> statuses = new TreeMap<>();
    orders.forEach(order -> statuses.put(order.id(), order.status()));
    Map<UUID, String> notified = new TreeMap<>();
    notifications.forEach((id, notification) -> notified.put(id, notification.type()));
    return new Snapshot(
        statuses, stock, balances, new TreeMap<>(payments), notified, mailsPerOrder);
  }

  /** Every order of the drill's customers, as order-service lists them, all pages. */
  static List<Order> ordersOf(Shop shop, String customer) {
    List<Order> orders = new ArrayList<>();
    int page = 0;
    OrderPage current;
    do {
      current = shop.ordersOf(customer, page++, PAGE_SIZE);
      orders.addAll(current.content());
    } while (page < current.page().totalPages());
    return orders;
  }

  private static List<Order> awaitAllSettled(Shop shop, Workload workload) {
    return await("every order of the drill settled")
        .atMost(SETTLE_TIMEOUT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () ->
                workload.customers().stream()
                    .flatMap(customer -> ordersOf(shop, customer).stream())
                    .sorted(Comparator.comparing(Order::id))
                    .toList(),
            orders -> orders.stream().allMatch(order -> SETTLED.contains(order.status())));
  }

  /** The order's payment statuses, once they are what its outcome requires. */
  private static List<String> awaitPayments(Shop shop, Order order) {
    AtomicReference<List<Payment>> payments = new AtomicReference<>();
    await("payments of order " + order.id())
        .atMost(EFFECTS_TIMEOUT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              payments.set(shop.payments(order.id()));
              assertPayments(order, payments.get());
            });
    return payments.get().stream().map(Payment::status).sorted().toList();
  }

  private static void forEachConcurrently(List<Order> orders, Consumer<Order> check) {
    Semaphore slots = new Semaphore(8);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> checks =
          orders.stream()
              .map(
                  order ->
                      executor.submit(
                          () -> {
                            slots.acquireUninterruptibly();
                            try {
                              check.accept(order);
                            } finally {
                              slots.release();
                            }
                          }))
              .<Future<?>>map(future -> future)
              .toList();
      for (Future<?> future : checks) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static void assertPayments(Order order, List<Payment> payments) {
    if (order.status().equals("CONFIRMED")) {
      assertThat(payments)
          .as("payments of confirmed order %s", order.id())
          .singleElement()
          .satisfies(
              payment -> {
                assertThat(payment.status()).isEqualTo("CHARGED");
                assertThat(payment.amount()).isEqualByComparingTo(order.total());
              });
    } else {
      assertThat(payments)
          .as("payments of %s order %s", order.status(), order.id())
          .hasSizeLessThanOrEqualTo(1)
          .noneMatch(payment -> payment.status().equals("CHARGED"));
    }
  }

  private static Notification awaitNotificationSent(Shop shop, Order order) {
    String type = "ORDER_" + order.status();
    List<Notification> notifications =
        await("notification of order " + order.id() + " sent")
            .atMost(EFFECTS_TIMEOUT)
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> shop.notifications(order.id()),
                found ->
                    found.stream()
                        .anyMatch(
                            notification ->
                                notification.type().equals(type) && notification.sentAt() != null));
    assertThat(notifications)
        .as("notifications of order %s", order.id())
        .singleElement()
        .satisfies(
            notification -> {
              assertThat(notification.type()).isEqualTo(type);
              assertThat(notification.recipient())
                  .isEqualToIgnoringCase(Shop.emailOf(order.customerId()));
            });
    return notifications.getFirst();
  }

  /** The Message-IDs of the e-mails the SMTP server received, by recipient and subject. */
  private static Map<String, List<String>> messageIdsByRecipientAndSubject(Suite suite) {
    Map<String, List<String>> byKey = new HashMap<>();
    for (MimeMessage message : suite.receivedMail()) {
      try {
        Address[] recipients = message.getAllRecipients();
        if (recipients == null) {
          continue;
        }
        String subject = message.getSubject();
        String messageId = message.getMessageID();
        Stream.of(recipients)
            .filter(InternetAddress.class::isInstance)
            .map(recipient -> ((InternetAddress) recipient).getAddress())
            .forEach(
                recipient ->
                    byKey
                        .computeIfAbsent(key(recipient, subject), _ -> new ArrayList<>())
                        .add(messageId));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return byKey;
  }

  private static String key(String recipient, String subject) {
    return recipient.toLowerCase(Locale.ROOT) + "\n" + subject;
  }

  /**
   * The effects of a drill's orders: their statuses, the stock of its skus, the balances of its
   * customers, each order's payment statuses, notification types and e-mails received.
   */
  record Snapshot(
      Map<UUID, String> statuses,
      Map<String, Integer> stock,
      Map<String, BigDecimal> balances,
      Map<UUID, List<String>> payments,
      Map<UUID, String> notifications,
      Map<UUID, Integer> mails) {

    /** Outcomes by status, for the drill's report. */
    Map<String, Long> outcomes() {
      return statuses.values().stream()
          .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
    }
  }
}
