package io.github.shopsaga.notification;

import io.github.shopsaga.messaging.BatchWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The outbox of e-mails: notifications are recorded in the transaction that consumes their event
 * and sent over SMTP afterwards, by one thread per instance, so an SMTP outage never holds up the
 * Kafka partitions: the event is consumed, the e-mail waits in the table and is retried with
 * backoff until the server takes it or the attempts are used up.
 *
 * <p>A notification is recorded already claimed by the instance that records it ({@code
 * next_attempt_at} pushed past the claim timeout) and handed to its dispatcher in memory after the
 * commit, so sending it costs no transaction before it. Retries, and e-mails whose dispatcher died
 * before sending them, are claimed from the table when they fall due ({@code for update skip
 * locked}, so concurrent instances never pick the same row). Each round sends what it holds over
 * one SMTP connection, kept open for the next round while rounds keep coming ({@link
 * SmtpConnection}), then records every outcome with one statement: {@code SENT}, or a failed
 * attempt with the next one scheduled, or {@code FAILED} for a permanent error or when the attempts
 * are used up. A message the server refuses fails alone: the others of its round go out.
 *
 * <p><b>Exactly once, and its one window.</b> The notification row and the consumed event's id
 * commit together (the inbox), and the row is unique per order and outcome, so redelivered or
 * repeated events never create a second e-mail, and a crash before that commit loses nothing (the
 * event is consumed again). What cannot be made atomic is the SMTP server's acceptance and the
 * commit of {@code SENT}: if the process dies between the two, the row is still {@code PENDING},
 * its claim runs out and the e-mail is sent once more. The repeat carries the same {@code
 * Message-ID} ({@code <notification-id@shop-saga>}), so mail clients and servers that de-duplicate
 * by it show it once.
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

  private final NotificationStore store;
  private final JavaMailSenderImpl mailSender;
  private final SmtpConnection smtp;
  private final NotificationSettings settings;
  private final RetryPolicy retries;
  private final MeterRegistry meters;
  private final Queue<Notification> handedOff = new ConcurrentLinkedQueue<>();
  private final BatchWorker worker;
  private Instant nextSweep = Instant.MIN;

  NotificationDispatcher(
      NotificationStore store,
      JavaMailSenderImpl mailSender,
      NotificationSettings settings,
      MeterRegistry meters) {
    this.store = store;
    this.mailSender = mailSender;
    this.smtp = new SmtpConnection(mailSender, settings.smtpIdleTimeout());
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

  /** A new notification, claimed for this dispatcher, to record and then {@link #handOff}. */
  Notification claim(
      UUID orderId,
      String customerId,
      NotificationType type,
      String recipient,
      Email email,
      Instant now) {
    return Notification.claimed(
        orderId, customerId, type, recipient, email, now, now.plus(settings.claimTimeout()));
  }

  /** Notifications recorded (and committed) claimed for this dispatcher: sends them soon. */
  void handOff(List<Notification> recorded) {
    if (!recorded.isEmpty()) {
      handedOff.addAll(recorded);
      worker.wakeUp();
    }
  }

  /** Sends the due e-mails now rather than at the next poll. */
  void wakeUp() {
    worker.wakeUp();
  }

  /**
   * Sends one round in this thread: the handed-off e-mails and, at most once per poll interval,
   * those that fell due in the table. Returns how many were attempted.
   */
  int dispatchDue() {
    Instant now = Instant.now();
    List<Notification> round = new ArrayList<>();
    // A claim that is half gone is left to run out: the sweep sends it then, so a dispatcher that
    // fell far behind never races another instance for it.
    Instant stale = now.plus(settings.claimTimeout().dividedBy(2));
    for (Notification next;
        round.size() < settings.batchSize() && (next = handedOff.poll()) != null; ) {
      if (next.nextAttemptAt().isAfter(stale)) {
        round.add(next);
      }
    }
    if (round.size() < settings.batchSize() && !now.isBefore(nextSweep)) {
      nextSweep = now.plus(settings.pollInterval());
      round.addAll(
          store.claimDue(
              now, now.plus(settings.claimTimeout()), settings.batchSize() - round.size()));
    }
    if (round.isEmpty()) {
      smtp.closeIfIdle(now);
      return 0;
    }
    send(round);
    return round.size();
  }

  private void send(List<Notification> round) {
    // MimeMessage keeps Object's identity equality: the failures of the round are keyed by it.
    Map<MimeMessage, Notification> messages = new LinkedHashMap<>();
    List<Notification> outcomes = new ArrayList<>();
    for (Notification notification : round) {
      try {
        messages.put(message(notification), notification);
      } catch (MessagingException | MailException e) {
        failed(notification, e, true);
        outcomes.add(notification);
      }
    }
    Map<MimeMessage, Exception> failures =
        messages.isEmpty() ? Map.of() : smtp.send(List.copyOf(messages.keySet()), Instant.now());
    Instant now = Instant.now();
    for (var message : messages.entrySet()) {
      Notification notification = message.getValue();
      Exception failure = failures.get(message.getKey());
      if (failure == null) {
        notification.markSent(now);
        countSent(notification);
      } else {
        failed(notification, failure, isPermanentFailure(failure));
      }
      outcomes.add(notification);
    }
    store.recordOutcomes(outcomes);
  }

  private MimeMessage message(Notification notification) throws MessagingException {
    MimeMessage message = mailSender.createMimeMessage();
    var helper = new MimeMessageHelper(message, "UTF-8");
    helper.setFrom(settings.from());
    helper.setTo(notification.recipient());
    helper.setSubject(notification.subject());
    helper.setText(notification.body());
    message.setHeader("Content-Transfer-Encoding", TransferEncoding.of(notification.body()));
    message.setHeader("Message-ID", notification.messageId());
    return message;
  }

  private void countSent(Notification notification) {
    Counter.builder("shop.notifications.sent")
        .description("E-mails the SMTP server accepted")
        .tag("type", notification.type().name())
        .register(meters)
        .increment();
    log.debug(
        "Sent {} for order {} to {}",
        notification.type(),
        notification.orderId(),
        notification.recipient());
  }

  private void failed(Notification notification, Exception e, boolean permanent) {
    String error = describe(e);
    if (permanent) {
      notification.recordPermanentFailure(error);
    } else {
      notification.recordTemporaryFailure(error, Instant.now(), retries);
    }
    boolean givenUp = notification.status() == NotificationStatus.FAILED;
    countFailure(notification, givenUp);
    if (givenUp) {
      log.error(
          "Gave up {} for order {} to {} after {} attempts: {}",
          notification.type(),
          notification.orderId(),
          notification.recipient(),
          notification.attempts(),
          error);
    } else {
      log.warn(
          "Sending {} for order {} failed (attempt {}), retrying at {}: {}",
          notification.type(),
          notification.orderId(),
          notification.attempts(),
          notification.nextAttemptAt(),
          error);
    }
  }

  private void countFailure(Notification notification, boolean permanent) {
    Counter.builder("shop.notifications.failed")
        .description("Failed attempts to send an e-mail; permanent: given up")
        .tag("type", notification.type().name())
        .tag("permanent", Boolean.toString(permanent))
        .register(meters)
        .increment();
  }

  /**
   * Whether sending again can never succeed: the message cannot even be built (a malformed
   * address), or the server rejected a recipient with a permanent (5xx) reply. Everything else
   * (connection refused, timeouts, 4xx replies) may pass and is retried.
   */
  static boolean isPermanentFailure(Exception e) {
    return e instanceof MailException mail ? isPermanent(mail) : hasPermanentCause(e);
  }

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

  private static String describe(Exception e) {
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
    smtp.close();
  }

  @Override
  public boolean isRunning() {
    return worker.isRunning();
  }
}
