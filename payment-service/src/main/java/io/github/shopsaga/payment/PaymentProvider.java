package io.github.shopsaga.payment;

import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.StockReserved;
import io.github.shopsaga.messaging.Outbox;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The simulated payment provider: charges reserved orders and refunds cancelled ones, each in one
 * transaction with the event that announces it.
 */
@Service
class PaymentProvider {

  private static final Logger log = LoggerFactory.getLogger(PaymentProvider.class);

  private final AccountRepository accounts;
  private final PaymentRepository payments;
  private final OrderGuard orders;
  private final Outbox outbox;

  PaymentProvider(
      AccountRepository accounts, PaymentRepository payments, OrderGuard orders, Outbox outbox) {
    this.accounts = accounts;
    this.payments = payments;
    this.orders = orders;
    this.outbox = outbox;
  }

  /**
   * Charges the order's total if the balance covers it, otherwise declines it; does nothing if the
   * order was cancelled already or has its payment.
   */
  @Transactional
  void charge(StockReserved reserved) {
    orders.lock(reserved.orderId());
    if (orders.isCancelled(reserved.orderId())) {
      log.info("Order {} is cancelled already; it is not charged", reserved.orderId());
      return;
    }
    if (payments.existsByOrderId(reserved.orderId())) {
      return;
    }
    Money total = reserved.total();
    if (total.amount().signum() <= 0) {
      throw new IllegalArgumentException(
          "order %s has a non-positive total %s".formatted(reserved.orderId(), total));
    }
    Debit debit = debit(reserved.customerId(), total);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Payment payment = Payment.settle(reserved.orderId(), reserved.customerId(), total, debit, now);
    // Flushed here so that a concurrent payment of the same order fails this transaction, and its
    // debit with it, on the unique order id.
    payments.saveAndFlush(payment);
    outbox.publish(payment.announcement(now));
    log.info(
        "Order {}: payment {} {} ({})",
        reserved.orderId(),
        payment.status(),
        total,
        payment.reason());
  }

  private Debit debit(String customerId, Money total) {
    if (accounts.withdraw(customerId, total.amount()) == 1) {
      return Debit.TAKEN;
    }
    return accounts.existsById(customerId) ? Debit.BALANCE_TOO_LOW : Debit.NO_ACCOUNT;
  }

  /**
   * Remembers that the order is cancelled, so it is never charged later, and gives a charge back
   * once.
   */
  @Transactional
  void refund(OrderCancelled cancelled) {
    orders.lock(cancelled.orderId());
    orders.recordCancelled(cancelled.orderId());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    payments
        .findByOrderId(cancelled.orderId())
        .filter(payment -> payment.refund(now))
        .ifPresent(
            payment -> {
              if (accounts.deposit(payment.customerId(), payment.money().amount()) != 1) {
                throw new IllegalStateException(
                    "the account of payment %s is gone".formatted(payment.getId()));
              }
              outbox.publish(payment.announcement(now));
              log.info("Order {}: payment refunded {}", cancelled.orderId(), payment.money());
            });
  }
}
