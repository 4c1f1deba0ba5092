package io.github.shopsaga.notification;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.Money;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.PricedLine;
import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import io.github.shopsaga.testsupport.SagaTopics;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The one configuration of every integration test of the service, so they share one application
 * context: PostgreSQL and Kafka from Testcontainers, and GreenMail as the real SMTP server the
 * e-mails go to. Tests share the topics, the database and the mailbox: each uses its own order ids
 * and recipients.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(InfrastructureContainers.class)
abstract class IntegrationTestSupport {

  /**
   * A fixed port, so that a test can stop the server and start it again where the app expects it.
   */
  static final int SMTP_PORT = freePort();

  static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

  static {
    smtp.start();
  }

  @DynamicPropertySource
  static void smtpServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @Autowired KafkaTemplate<Object, Object> kafka;

  @Autowired NotificationRepository notifications;

  @Autowired MockMvcTester mvc;

  void send(OrderEvent event) {
    SagaTopics.send(kafka, event);
  }

  /** The e-mails GreenMail received for the recipient. */
  static List<MimeMessage> mailsTo(String recipient) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(message -> isAddressedTo(message, recipient))
        .toList();
  }

  static MimeMessage awaitOneMailTo(String recipient) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mailsTo(recipient).size(), count -> count >= 1);
    // A second copy would arrive within the dispatcher's next rounds: watch for it a while.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> mailsTo(recipient).size(), count -> count == 1);
    return mailsTo(recipient).getFirst();
  }

  static String bodyOf(MimeMessage message) {
    try {
      return ((String) message.getContent()).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String recipientOf(MimeMessage message) {
    try {
      return message.getRecipients(Message.RecipientType.TO)[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isAddressedTo(MimeMessage message, String recipient) {
    try {
      var to = message.getRecipients(Message.RecipientType.TO);
      return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equals(recipient));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String uniqueRecipient() {
    return "customer-" + UUID.randomUUID() + "@example.com";
  }

  static OrderConfirmed confirmed(UUID orderId, String email) {
    return new OrderConfirmed(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        "alice",
        email,
        List.of(
            new PricedLine("MUG-1", 2, new BigDecimal("12.50")),
            new PricedLine("TEA-7", 1, new BigDecimal("6.00"))),
        Money.of("31.00", "EUR"));
  }

  static OrderRejected rejected(UUID orderId, String email, RejectionReason reason) {
    return new OrderRejected(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        "alice",
        email,
        List.of(new OrderLine("MUG-1", 2)),
        reason);
  }

  static OrderCancelled cancelled(UUID orderId, String email, CancellationReason reason) {
    return new OrderCancelled(
        UUID.randomUUID(),
        orderId,
        Instant.now(),
        "alice",
        email,
        List.of(new OrderLine("MUG-1", 2)),
        Money.of("25.00", "EUR"),
        reason);
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
