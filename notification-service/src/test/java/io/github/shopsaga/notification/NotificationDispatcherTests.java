package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;

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
}
