package io.github.shopsaga.notification;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The dispatcher's SMTP connection, kept open from one round to the next while rounds keep coming:
 * at a steady trickle of e-mails, a connection per round costs more (TCP handshake, greeting,
 * {@code EHLO}, {@code QUIT}, on both sides) than the messages it carries. It is closed once no
 * round has used it for {@code idleTimeout}, and when the service stops.
 *
 * <p>A server may close an idle connection at any time. So when the first message sent over a
 * connection kept from an earlier round fails for any reason other than a refusal of its own, the
 * connection is opened again and that message sent once more over the new one; any other failure is
 * the message's own, to be retried by the dispatcher. Used by one thread only.
 */
final class SmtpConnection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

  private final JavaMailSenderImpl mail;
  private final Duration idleTimeout;
  private Transport transport;
  private Instant lastUsed = Instant.MIN;

  SmtpConnection(JavaMailSenderImpl mail, Duration idleTimeout) {
    this.mail = mail;
    this.idleTimeout = idleTimeout;
  }

  /**
   * Sends the messages in order and returns those that failed, with why (by identity): refused by
   * the server, or not sent because no connection could be opened.
   */
  Map<MimeMessage, Exception> send(List<MimeMessage> messages, Instant now) {
    Map<MimeMessage, Exception> failed = new IdentityHashMap<>();
    boolean keptFromEarlierRound = transport != null;
    for (int next = 0; next < messages.size(); next++) {
      MimeMessage message = messages.get(next);
      Exception failure = trySend(message);
      if (failure != null && keptFromEarlierRound && !isRefusal(failure)) {
        log.debug(
            "The SMTP connection kept from an earlier round failed, opening another", failure);
        failure = trySend(message);
      }
      if (failure instanceof MailException noConnection) {
        // The server cannot be reached: the rest of the round fails alike, without a connection
        // attempt (and its timeout) each.
        for (MimeMessage unsent : messages.subList(next, messages.size())) {
          failed.put(unsent, noConnection);
        }
        break;
      }
      if (failure != null) {
        failed.put(message, failure);
      }
      keptFromEarlierRound = false;
    }
    lastUsed = now;
    if (idleTimeout.isZero()) {
      close();
    }
    return failed;
  }

  /** Closes the connection if no round has used it for the idle timeout. */
  void closeIfIdle(Instant now) {
    if (transport != null && !now.isBefore(lastUsed.plus(idleTimeout))) {
      close();
    }
  }

  @Override
  public void close() {
    Transport closing = transport;
    transport = null;
    if (closing != null) {
      try {
        closing.close();
      } catch (MessagingException e) {
        log.debug("Closing the SMTP connection failed", e);
      }
    }
  }

  /** Sends one message, opening the connection first if needed; returns why it failed, or null. */
  private Exception trySend(MimeMessage message) {
    try {
      send(open(), message);
      return null;
    } catch (MailException e) {
      return e;
    } catch (MessagingException | RuntimeException e) {
      if (!isRefusal(e)) {
        // Whatever broke the exchange may have left the connection unusable.
        close();
      }
      return e;
    }
  }

  /** The server refused this message (sender or recipients); the connection is fine. */
  private static boolean isRefusal(Exception e) {
    return e instanceof SendFailedException;
  }

  private Transport open() {
    if (transport != null) {
      return transport;
    }
    try {
      Session session = mail.getSession();
      // Resolved as JavaMailSenderImpl resolves it.
      String protocol =
          Objects.requireNonNullElse(
              mail.getProtocol(),
              Objects.requireNonNullElse(
                  session.getProperty("mail.transport.protocol"),
                  JavaMailSenderImpl.DEFAULT_PROTOCOL));
      Transport opened = session.getTransport(protocol);
      String username = mail.getUsername();
      opened.connect(
          mail.getHost(), mail.getPort(), username, username == null ? null : mail.getPassword());
      transport = opened;
      return opened;
    } catch (AuthenticationFailedException e) {
      throw new MailAuthenticationException(e);
    } catch (MessagingException e) {
      throw new MailSendException("Mail server connection failed", e);
    }
  }

  /**
   * Sends one message as {@link JavaMailSenderImpl} would, keeping its own {@code Message-ID}
   * (saving the message's changes would replace it with a generated one).
   */
  private static void send(Transport transport, MimeMessage message) throws MessagingException {
    if (message.getSentDate() == null) {
      message.setSentDate(new Date());
    }
    String messageId = message.getMessageID();
    message.saveChanges();
    if (messageId != null) {
      message.setHeader("Message-ID", messageId);
    }
    Address[] recipients = message.getAllRecipients();
    transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
  }
}
