package io.github.shopsaga.notification;

import io.github.shopsaga.messaging.BatchWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * The outbox of e-mails: notifications are recorded in the transaction that consumes their event
 * and sent over SMTP afterwards, by one thread per instance, so an SMTP outage never holds up the
 * Kafka partitions: the event is consumed, the e-mail waits in the table and is retried with
 * backoff until the server takes it.
 *
 * <p>Each round claims the due {@code PENDING} rows in a short transaction ({@code select ... for
 * update skip locked}, then pushes {@code next_attempt_at} past the claim timeout), so concurrent
 * instances never pick the same row and no database connection is held during SMTP. Then each
 * e-mail is sent and its outcome recorded in its own short transaction: {@code SENT}, or a failed
 * attempt with the next one scheduled, or {@code FAILED} for a permanent error or when the attempts
 * are used up.
 *
 * <p><b>Exactly once, and its one window.</b> The notification row and the consumed event's id
 * commit together (the inbox), and the row is unique per order and outcome, so redelivered or
 * repeated events never create a second e-mail, and a crash before that commit loses nothing (the
 * event is consumed again). What cannot be made atomic is the SMTP server's acceptance and the
 * commit of {@code SENT}: if the process dies between the two, the row is still {@code PENDING},
 * its claim runs out and the e-mail is sent once more. That window is one short {@code UPDATE}
 * after the server's reply. The repeat carries the same {@code Message-ID} ({@code
 * <notification-id@shop-saga>}), so mail clients and servers that de-duplicate by it show it once.
 *
 * <p>Meters: {@code shop.notifications.sent{type}} counts e-mails the SMTP server accepted; {@code
 * shop.notifications.failed{type,permanent}} counts failed attempts, {@code permanent=false} for
 * one that is retried later, {@code permanent=true} for an e-mail given up (a permanent error or
 * the attempts used up).
 */
@Component
class NotificationDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  private static final Duration MAX_ERROR_PAUSE = Duration.ofSeconds(10);

  private final NotificationRepository notifications;
  private final JavaMailSender mailSender;
  private final TransactionTemplate transactions;
  private final NotificationSettings settings;
  private final RetryPolicy retries;
  private final MeterRegistry meters;

  private final BatchWorker worker;

  NotificationDispatcher(
      NotificationRepository notifications,
      JavaMailSender mailSender,
      PlatformTransactionManager transactionManager,
      NotificationSettings settings,
      MeterRegistry meters) {
    this.notifications = notifications;
    this.mailSender = mailSender;
    this.transactions = new TransactionTemplate(transactionManager);
    this.settings = settings;
    this.retries = RetryPolicy.of(settings);
    this.meters = meters;
    this.worker =
        new BatchWorker(
            "notification-dispatcher",
            settings.batchSize(),
            settings.pollInterval(),
            MAX_ERROR_PAUSE,
            this::dispatchDue);
  }

  /**
   * Records the notification in the current transaction unless the order already has one of its
   * type; the dispatcher is woken when the transaction commits. Returns whether it was recorded.
   */
  boolean enqueue(Notification notification) {
    Assert.state(
        TransactionSynchronizationManager.isActualTransactionActive(),
        "A notification must be recorded in the transaction that consumes its event");
    boolean recorded = notifications.insertIfAbsent(notification);
    if (recorded) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              wakeUp();
            }
          });
    }
    return recorded;
  }

  /** Sends the due e-mails now rather than at the next poll. */
  void wakeUp() {
    worker.wakeUp();
  }

  /** Claims and sends one batch of due e-mails in this thread; returns how many were attempted. */
  int dispatchDue() {
    List<Notification> claimed = transactions.execute(_ -> claimDue());
    if (claimed == null) {
      return 0;
    }
    claimed.forEach(this::send);
    return claimed.size();
  }

  private List<Notification> claimDue() {
    Instant now = Instant.now();
    List<Notification> due = notifications.lockDue(now, settings.batchSize());
    due.forEach(notification -> notification.claimUntil(now.plus(settings.claimTimeout())));
    return due;
  }

  private void send(Notification notification) {
    try {
      mailSender.send(
          message -> {
            var helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(notification.recipient());
            helper.setSubject(notification.subject());
            helper.setText(notification.body());
            message.setHeader("Message-ID", notification.messageId());
          });
    } catch (MailException e) {
      recordFailure(notification, e);
      return;
    }
    update(notification.id(), sent -> sent.markSent(Instant.now()));
    Counter.builder("shop.notifications.sent")
        .description("E-mails the SMTP server accepted")
        .tag("type", notification.type().name())
        .register(meters)
        .increment();
    log.info(
        "Sent {} for order {} to {}",
        notification.type(),
        notification.orderId(),
        notification.recipient());
  }

  private void recordFailure(Notification notification, MailException e) {
    String error = describe(e);
    if (isPermanent(e)) {
      update(notification.id(), failed -> failed.recordPermanentFailure(error));
      countFailure(notification, true);
      log.error(
          "Gave up {} for order {} to {}: permanent error {}",
          notification.type(),
          notification.orderId(),
          notification.recipient(),
          error);
      return;
    }
    update(
        notification.id(),
        failed -> {
          failed.recordTemporaryFailure(error, Instant.now(), retries);
          countFailure(failed, failed.status() == NotificationStatus.FAILED);
          if (failed.status() == NotificationStatus.FAILED) {
            log.error(
                "Gave up {} for order {} to {} after {} attempts: {}",
                failed.type(),
                failed.orderId(),
                failed.recipient(),
                failed.attempts(),
                error);
          } else {
            log.warn(
                "Sending {} for order {} failed (attempt {}), retrying at {}: {}",
                failed.type(),
                failed.orderId(),
                failed.attempts(),
                failed.nextAttemptAt(),
                error);
          }
        });
  }

  private void countFailure(Notification notification, boolean permanent) {
    Counter.builder("shop.notifications.failed")
        .description("Failed attempts to send an e-mail; permanent: given up")
        .tag("type", notification.type().name())
        .tag("permanent", Boolean.toString(permanent))
        .register(meters)
        .increment();
  }

  /** Applies a change to the row in its own transaction, unless another instance finished it. */
  private void update(UUID id, Consumer<Notification> change) {
    transactions.executeWithoutResult(
        _ ->
            notifications
                .findById(id)
                .filter(notification -> notification.status() == NotificationStatus.PENDING)
                .ifPresent(change));
  }

  /**
   * Whether sending again can never succeed: the message cannot even be built (a malformed
   * address), or the server rejected a recipient with a permanent (5xx) reply. Everything else
   * (connection refused, timeouts, 4xx replies) may pass and is retried.
   */
  static boolean isPermanent(MailException e) {
    if (e instanceof MailParseException || e instanceof MailPreparationException) {
      return true;
    }
    if (e instanceof MailSendException send) {
      for (Exception cause : send.getMessageExceptions()) {
        if (hasPermanentCause(cause)) {
          return true;
        }
      }
    }
    return hasPermanentCause(e.getCause());
  }

  private static boolean hasPermanentCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AddressException) {
        return true;
      }
      // JavaMail counts a recipient as invalid when the server refused it with a 5xx reply; a
      // 4xx refusal leaves it among the valid unsent ones, to be retried.
      if (cause instanceof SendFailedException refused
          && refused.getInvalidAddresses() != null
          && refused.getInvalidAddresses().length > 0) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }

  private static String describe(MailException e) {
    if (e instanceof MailSendException send && send.getMessageExceptions().length > 0) {
      return send.getMessageExceptions()[0].toString();
    }
    return e.getCause() != null ? e + " (" + e.getCause() + ")" : e.toString();
  }

  @Override
  public void start() {
    worker.start();
  }

  @Override
  public void stop() {
    worker.stop(Duration.ofSeconds(15));
  }

  @Override
  public boolean isRunning() {
    return worker.isRunning();
  }
}
