package io.github.shopsaga.payment;

import io.github.shopsaga.events.DeclineReason;
import io.github.shopsaga.events.EventIds;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.PaymentCharged;
import io.github.shopsaga.events.PaymentDeclined;
import io.github.shopsaga.events.PaymentEvent;
import io.github.shopsaga.events.PaymentRefunded;
import io.github.shopsaga.events.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * The one payment of an order: {@code CHARGED} or {@code DECLINED} when the order's stock is
 * reserved, and {@code CHARGED} → {@code REFUNDED} once when the order is cancelled.
 */
@Entity
@Table(name = "payment")
class Payment implements Persistable<UUID> {

  @Id
  @Column(name = "payment_id")
  private UUID id;

  private UUID orderId;

  private String customerId;

  private BigDecimal amount;

  private String currency;

  @Enumerated(EnumType.STRING)
  private PaymentStatus status;

  @Enumerated(EnumType.STRING)
  private DeclineReason reason;

  private Instant createdAt;

  private Instant updatedAt;

  @Transient private boolean isNew;

  @Transient private boolean refunded;

  protected Payment() {}

  private Payment(
      UUID orderId,
      String customerId,
      Money amount,
      PaymentStatus status,
      DeclineReason reason,
      Instant now) {
    if (amount.amount().signum() <= 0) {
      throw new IllegalArgumentException("a payment needs a positive amount, not " + amount);
    }
    this.id = TimeOrderedIds.next();
    this.orderId = orderId;
    this.customerId = customerId;
    this.amount = amount.amount();
    this.currency = amount.currency();
    this.status = status;
    this.reason = reason;
    this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    this.updatedAt = this.createdAt;
    this.isNew = true;
  }

  /** A payment as stored, read by the saga's batch. */
  static Payment restore(
      UUID id,
      UUID orderId,
      String customerId,
      Money amount,
      PaymentStatus status,
      DeclineReason reason,
      Instant createdAt,
      Instant updatedAt) {
    Payment payment = new Payment();
    payment.id = id;
    payment.orderId = orderId;
    payment.customerId = customerId;
    payment.amount = amount.amount();
    payment.currency = amount.currency();
    payment.status = status;
    payment.reason = reason;
    payment.createdAt = createdAt;
    payment.updatedAt = updatedAt;
    return payment;
  }

  /** Whether this payment was refunded since it was loaded. */
  boolean isRefunded() {
    return refunded;
  }

  /** The payment that the outcome of taking the order's total from the balance amounts to. */
  static Payment settle(UUID orderId, String customerId, Money amount, Debit debit, Instant now) {
    return switch (debit) {
      case TAKEN -> new Payment(orderId, customerId, amount, PaymentStatus.CHARGED, null, now);
      case BALANCE_TOO_LOW ->
          new Payment(
              orderId,
              customerId,
              amount,
              PaymentStatus.DECLINED,
              DeclineReason.INSUFFICIENT_FUNDS,
              now);
      case NO_ACCOUNT ->
          new Payment(
              orderId,
              customerId,
              amount,
              PaymentStatus.DECLINED,
              DeclineReason.UNKNOWN_CUSTOMER,
              now);
    };
  }

  /**
   * Gives a charge back because its order was cancelled. Returns whether the amount must go back on
   * the balance: only a charged payment is refunded, and only once; a declined payment took
   * nothing.
   */
  boolean refund(Instant now) {
    if (status != PaymentStatus.CHARGED) {
      return false;
    }
    status = PaymentStatus.REFUNDED;
    updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    refunded = true;
    return true;
  }

  /** The event that announces the payment's current status to the saga. */
  PaymentEvent announcement(Instant now) {
    UUID eventId = EventIds.next();
    return switch (status) {
      case CHARGED -> new PaymentCharged(eventId, orderId, now, id, customerId, money());
      case DECLINED -> new PaymentDeclined(eventId, orderId, now, id, customerId, money(), reason);
      case REFUNDED -> new PaymentRefunded(eventId, orderId, now, id, customerId, money());
    };
  }

  @Override
  public UUID getId() {
    return id;
  }

  @Override
  public boolean isNew() {
    return isNew;
  }

  @PostPersist
  @PostLoad
  void markPersisted() {
    isNew = false;
  }

  UUID orderId() {
    return orderId;
  }

  String customerId() {
    return customerId;
  }

  Money money() {
    return new Money(amount, currency);
  }

  PaymentStatus status() {
    return status;
  }

  DeclineReason reason() {
    return reason;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }
}
