package io.github.shopsaga.payment;

import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.PaymentEvent;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.BatchHandler;
import io.github.shopsaga.messaging.SqlWrites;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The simulated payment provider: charges reserved orders and refunds cancelled ones, a poll of
 * their events at a time. The batch's orders and accounts are locked and read up front, each event
 * is decided in memory in the order it arrived (so several orders of one customer in a batch draw
 * on one balance, one after the other), and the payments, balances and the events that announce
 * them are written back set-based in the inbox's transaction.
 */
@Service
class PaymentProvider implements BatchHandler<SagaEvent, PaymentProvider.Batch> {

  private static final Logger log = LoggerFactory.getLogger(PaymentProvider.class);

  private final PaymentStore store;

  PaymentProvider(PaymentStore store) {
    this.store = store;
  }

  /**
   * Whether payment acts on the event: a reservation to charge, or a cancellation to refund (or to
   * remember, so a late reservation is never charged). The order's other milestones and inventory's
   * other answers need nothing from payment.
   */
  @Override
  public boolean actsOn(SagaEvent event) {
    return event instanceof StockReserved || event instanceof OrderCancelled;
  }

  /** What payment knows of a batch's orders and customers, changed as its events are applied. */
  static final class Batch {

    private final Map<UUID, PaymentStore.OrderState> orders;
    private final Map<String, Account> accounts;
    private final Map<UUID, Payment> payments = new HashMap<>();
    private final List<Payment> settled = new ArrayList<>();
    private final List<Payment> refunded = new ArrayList<>();
    private final Set<UUID> cancelled = new LinkedHashSet<>();

    Batch(Map<UUID, PaymentStore.OrderState> orders, Map<String, Account> accounts) {
      this.orders = orders;
      this.accounts = accounts;
      orders.forEach(
          (orderId, state) -> {
            if (state.cancelled()) {
              cancelled.add(orderId);
            }
            if (state.payment() != null) {
              payments.put(orderId, state.payment());
            }
          });
    }
  }

  @Override
  public Batch load(List<SagaEvent> events) {
    List<UUID> orderIds = events.stream().map(SagaEvent::orderId).distinct().toList();
    store.lockOrders(orderIds);
    Map<UUID, PaymentStore.OrderState> orders = store.orders(orderIds);
    Set<String> customers = new TreeSet<>();
    for (SagaEvent event : events) {
      if (event instanceof StockReserved reserved) {
        customers.add(reserved.customerId());
      }
    }
    orders.values().stream()
        .map(PaymentStore.OrderState::payment)
        .filter(Objects::nonNull)
        .forEach(payment -> customers.add(payment.customerId()));
    return new Batch(orders, store.lockAccounts(customers));
  }

  @Override
  public List<PaymentEvent> apply(Batch batch, SagaEvent event) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Optional<PaymentEvent> outcome =
        switch (event) {
          case StockReserved reserved -> charge(batch, reserved, now);
          case OrderCancelled cancelled -> refund(batch, cancelled, now);
          default -> throw new IllegalArgumentException("not for payment: " + event.type());
        };
    return outcome.stream().toList();
  }

  /**
   * Charges the order's total if the balance covers it, otherwise declines it; does nothing if the
   * order was cancelled already or has its payment.
   */
  private Optional<PaymentEvent> charge(Batch batch, StockReserved reserved, Instant now) {
    UUID orderId = reserved.orderId();
    if (batch.cancelled.contains(orderId)) {
      log.info("Order {} is cancelled already; it is not charged", orderId);
      return Optional.empty();
    }
    if (batch.payments.containsKey(orderId)) {
      return Optional.empty();
    }
    Money total = reserved.total();
    if (total.amount().signum() <= 0) {
      throw new IllegalArgumentException(
          "order %s has a non-positive total %s".formatted(orderId, total));
    }
    Payment payment =
        Payment.settle(orderId, reserved.customerId(), total, debit(batch, reserved), now);
    batch.payments.put(orderId, payment);
    batch.settled.add(payment);
    log.debug("Order {}: payment {} {} ({})", orderId, payment.status(), total, payment.reason());
    return Optional.of(payment.announcement(now));
  }

  private static Debit debit(Batch batch, StockReserved reserved) {
    Account account = batch.accounts.get(reserved.customerId());
    if (account == null) {
      return Debit.NO_ACCOUNT;
    }
    return account.withdraw(reserved.total().amount()) ? Debit.TAKEN : Debit.BALANCE_TOO_LOW;
  }

  /**
   * Remembers that the order is cancelled, so it is never charged later, and gives a charge back
   * once.
   */
  private Optional<PaymentEvent> refund(Batch batch, OrderCancelled cancelled, Instant now) {
    UUID orderId = cancelled.orderId();
    batch.cancelled.add(orderId);
    Payment payment = batch.payments.get(orderId);
    if (payment == null || !payment.refund(now)) {
      return Optional.empty();
    }
    Account account = batch.accounts.get(payment.customerId());
    if (account == null) {
      throw new IllegalStateException(
          "the account of payment %s is gone".formatted(payment.getId()));
    }
    account.deposit(payment.money().amount());
    if (!batch.settled.contains(payment)) {
      batch.refunded.add(payment);
    }
    log.info("Order {}: payment refunded {}", orderId, payment.money());
    return Optional.of(payment.announcement(now));
  }

  @Override
  public void store(Batch batch, SqlWrites writes) {
    store.storeAll(
        batch.settled,
        batch.refunded,
        batch.cancelled.stream().filter(orderId -> !batch.orders.get(orderId).cancelled()).toList(),
        batch.accounts.values(),
        writes);
  }
}
