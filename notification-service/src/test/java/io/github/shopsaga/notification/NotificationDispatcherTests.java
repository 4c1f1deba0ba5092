package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class NotificationDispatcherTests {

  private final Object message = new MimeMessage((jakarta.mail.Session) null);

  @Test
  void givesUpWhenTheServerRejectsTheRecipientPermanently() throws Exception {
    var rejected =
        new SendFailedException(
            "Invalid Addresses",
            null,
            new InternetAddress[0],
            new InternetAddress[0],
            new InternetAddress[] {new InternetAddress("nobody@example.com")});

    assertThat(NotificationDispatcher.isPermanent(new MailSendException(Map.of(message, rejected))))
        .isTrue();
  }

  @Test
  void givesUpWhenTheAddressCannotBeParsed() {
    assertThat(NotificationDispatcher.isPermanent(new MailParseException("Illegal address")))
        .isTrue();
  }

  @Test
  void retriesWhenTheServerIsUnreachable() {
    var down =
        new MailSendException(
            "Mail server connection failed",
            new MessagingException("Couldn't connect", new ConnectException("refused")));

    assertThat(NotificationDispatcher.isPermanent(down)).isFalse();
  }

  @Test
  void retriesWhenTheServerRefusesTheRecipientForNow() throws Exception {
    var busy =
        new SendFailedException(
            "Invalid Addresses",
            null,
            new InternetAddress[0],
            new InternetAddress[] {new InternetAddress("alice@example.com")},
            new InternetAddress[0]);

    assertThat(NotificationDispatcher.isPermanent(new MailSendException(Map.of(message, busy))))
        .isFalse();
  }

  @Test
  void sendsARoundOverOneConnectionAndRetriesTheMessageThatFailedOnItsOwn() throws Exception {
    var store = mock(NotificationStore.class);
    var smtp = new RefusingOnce("bob@example.com");
    var settings =
        new NotificationSettings(
            "orders@shop-saga.example",
            // Sweeps the table every round, here: no waiting for the next sweep.
            Duration.ZERO,
            100,
            Duration.ofMinutes(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            120);
    var dispatcher = new NotificationDispatcher(store, smtp, settings, new SimpleMeterRegistry());
    List<Notification> round =
        Stream.of("alice@example.com", "bob@example.com", "carol@example.com")
            .map(
                recipient ->
                    dispatcher.claim(
                        UUID.randomUUID(),
                        NotificationType.ORDER_CONFIRMED,
                        recipient,
                        new Email("Your order is confirmed", "Hello"),
                        Instant.now()))
            .toList();
    Notification bob = round.get(1);
    given(store.claimDue(any(), any(), anyInt())).willReturn(List.of());

    dispatcher.handOff(round);
    assertThat(dispatcher.dispatchDue()).isEqualTo(3);

    assertThat(smtp.rounds).hasSize(1);
    assertThat(smtp.rounds.getFirst()).hasSize(3);
    assertThat(round)
        .extracting(Notification::status)
        .containsExactly(
            NotificationStatus.SENT, NotificationStatus.PENDING, NotificationStatus.SENT);
    assertThat(bob.attempts()).isEqualTo(1);
    verify(store).recordOutcomes(round);

    // Its retry falls due: claimed from the table, it goes out alone, as the same message.
    given(store.claimDue(any(), any(), anyInt())).willReturn(List.of(bob));
    assertThat(dispatcher.dispatchDue()).isEqualTo(1);

    assertThat(smtp.rounds).hasSize(2);
    MimeMessage retried = smtp.rounds.get(1).getFirst();
    assertThat(retried.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("bob@example.com");
    assertThat(retried.getHeader("Message-ID")).containsExactly(bob.messageId());
    assertThat(smtp.rounds.getFirst().get(1).getHeader("Message-ID"))
        .containsExactly(bob.messageId());
    assertThat(bob.status()).isEqualTo(NotificationStatus.SENT);
  }

  /** An SMTP server that takes every message of a round but refuses one recipient, once. */
  static class RefusingOnce extends JavaMailSenderImpl {

    final List<List<MimeMessage>> rounds = new ArrayList<>();
    private final Set<String> refuse = new HashSet<>();

    RefusingOnce(String recipient) {
      refuse.add(recipient);
    }

    @Override
    public void send(MimeMessage... messages) {
      rounds.add(List.of(messages));
      Map<Object, Exception> failed = new LinkedHashMap<>();
      for (MimeMessage message : messages) {
        try {
          String to = message.getAllRecipients()[0].toString();
          if (refuse.remove(to)) {
            failed.put(
                message,
                new SendFailedException(
                    "451 try again later",
                    null,
                    new InternetAddress[0],
                    new InternetAddress[] {new InternetAddress(to)},
                    new InternetAddress[0]));
          }
        } catch (MessagingException e) {
          throw new IllegalStateException(e);
        }
      }
      if (!failed.isEmpty()) {
        throw new MailSendException(failed);
      }
    }
  }
}
