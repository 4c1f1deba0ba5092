package io.github.shopsaga.notification;

import io.github.shopsaga.events.TimeOrderedIds;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/**
 * An e-mail telling a customer how an order ended, and its delivery state: {@code PENDING} until
 * the SMTP server accepted it ({@code SENT}) or it was given up ({@code FAILED}).
 */
@Entity
class Notification {

  private static final int MAX_ERROR_LENGTH = 1000;

  @Id private UUID id;

  private UUID orderId;

  /** Whose order it is: the customer who may read it (null on rows older than this column). */
  private String customerId;

  @Enumerated(EnumType.STRING)
  private NotificationType type;

  private String recipient;

  private String subject;

  private String body;

  @Enumerated(EnumType.STRING)
  private NotificationStatus status;

  private int attempts;

  private Instant nextAttemptAt;

  private String lastError;

  private Instant createdAt;

  private Instant sentAt;

  protected Notification() {}

  private Notification(
      UUID orderId,
      String customerId,
      NotificationType type,
      String recipient,
      Email email,
      Instant now) {
    this.id = TimeOrderedIds.next();
    this.orderId = orderId;
    this.customerId = customerId;
    this.type = type;
    this.recipient = recipient;
    this.subject = email.subject();
    this.body = email.body();
    this.status = NotificationStatus.PENDING;
    this.nextAttemptAt = now;
    this.createdAt = now;
  }

  /** A new e-mail, due at once. */
  static Notification pending(
      UUID orderId,
      String customerId,
      NotificationType type,
      String recipient,
      Email email,
      Instant now) {
    return new Notification(orderId, customerId, type, recipient, email, now);
  }

  /**
   * A new e-mail, claimed by the dispatcher of the instance that records it until {@code until}:
   * handed to it in memory once recorded, so no other instance picks it up meanwhile.
   */
  static Notification claimed(
      UUID orderId,
      String customerId,
      NotificationType type,
      String recipient,
      Email email,
      Instant now,
      Instant until) {
    Notification notification = pending(orderId, customerId, type, recipient, email, now);
    notification.claimUntil(until);
    return notification;
  }

  /** A notification as stored. */
  static Notification restore(
      UUID id,
      UUID orderId,
      String customerId,
      NotificationType type,
      String recipient,
      String subject,
      String body,
      NotificationStatus status,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant sentAt) {
    Notification notification = new Notification();
    notification.id = id;
    notification.orderId = orderId;
    notification.customerId = customerId;
    notification.type = type;
    notification.recipient = recipient;
    notification.subject = subject;
    notification.body = body;
    notification.status = status;
    notification.attempts = attempts;
    notification.nextAttemptAt = nextAttemptAt;
    notification.lastError = lastError;
    notification.createdAt = createdAt;
    notification.sentAt = sentAt;
    return notification;
  }

  /**
   * Reserves the e-mail for the caller's dispatcher until {@code until}: no other instance picks it
   * in the meantime; should the dispatcher die, it becomes due again then.
   */
  void claimUntil(Instant until) {
    requirePending();
    this.nextAttemptAt = until;
  }

  /** The SMTP server accepted the e-mail. */
  void markSent(Instant now) {
    requirePending();
    this.status = NotificationStatus.SENT;
    this.sentAt = now;
    this.lastError = null;
  }

  /**
   * A send failed for a reason that may pass (server down, busy, temporarily refusing): retry after
   * the policy's delay, or give up if that was the last attempt it allows.
   */
  void recordTemporaryFailure(String error, Instant now, RetryPolicy retries) {
    requirePending();
    this.attempts++;
    this.lastError = truncate(error);
    if (retries.exhaustedAfter(attempts)) {
      this.status = NotificationStatus.FAILED;
    } else {
      this.nextAttemptAt = now.plus(retries.delayAfter(attempts));
    }
  }

  /** A send failed for a reason that will not pass (say, the server rejects the address). */
  void recordPermanentFailure(String error) {
    requirePending();
    this.attempts++;
    this.lastError = truncate(error);
    this.status = NotificationStatus.FAILED;
  }

  /**
   * The header that identifies this e-mail: the same on every attempt, so a copy sent again after a
   * crash is recognisable as the same message.
   */
  String messageId() {
    return "<" + id + "@shop-saga>";
  }

  private void requirePending() {
    if (status != NotificationStatus.PENDING) {
      throw new IllegalStateException("Notification %s is %s, not PENDING".formatted(id, status));
    }
  }

  private static String truncate(String error) {
    if (error == null || error.length() <= MAX_ERROR_LENGTH) {
      return error;
    }
    return error.substring(0, MAX_ERROR_LENGTH);
  }

  UUID id() {
    return id;
  }

  UUID orderId() {
    return orderId;
  }

  String customerId() {
    return customerId;
  }

  NotificationType type() {
    return type;
  }

  String recipient() {
    return recipient;
  }

  String subject() {
    return subject;
  }

  String body() {
    return body;
  }

  NotificationStatus status() {
    return status;
  }

  int attempts() {
    return attempts;
  }

  Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  String lastError() {
    return lastError;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant sentAt() {
    return sentAt;
  }
}
