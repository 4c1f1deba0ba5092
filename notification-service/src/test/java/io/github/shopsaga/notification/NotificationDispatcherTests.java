package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class NotificationDispatcherTests {

  private final Object message = new MimeMessage((jakarta.mail.Session) null);

  private final NotificationStore store = mock(NotificationStore.class);
  private final FakeSmtpServer server = new FakeSmtpServer();

  /** No e-mail falls due in the table unless a test says so. */
  @BeforeEach
  void nothingDueInTheTable() {
    given(store.claimDue(any(), any(), anyInt())).willReturn(List.of());
  }

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
    server.refuseOnce("bob@example.com");
    var dispatcher = dispatcher(Duration.ofSeconds(30));
    List<Notification> round =
        claim(dispatcher, "alice@example.com", "bob@example.com", "carol@example.com");
    Notification bob = round.get(1);

    dispatcher.handOff(round);
    assertThat(dispatcher.dispatchDue()).isEqualTo(3);

    assertThat(server.connections).hasSize(1);
    assertThat(server.connections.getFirst()).hasSize(3);
    assertThat(round)
        .extracting(Notification::status)
        .containsExactly(
            NotificationStatus.SENT, NotificationStatus.PENDING, NotificationStatus.SENT);
    assertThat(bob.attempts()).isEqualTo(1);
    verify(store).recordOutcomes(round);

    // Its retry falls due: claimed from the table, it goes out alone, as the same message, over
    // the connection kept from the first round.
    given(store.claimDue(any(), any(), anyInt())).willReturn(List.of(bob));
    assertThat(dispatcher.dispatchDue()).isEqualTo(1);

    assertThat(server.connections).hasSize(1);
    List<MimeMessage> sent = server.connections.getFirst();
    assertThat(sent).hasSize(4);
    MimeMessage retried = sent.getLast();
    assertThat(retried.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("bob@example.com");
    assertThat(retried.getHeader("Message-ID")).containsExactly(bob.messageId());
    assertThat(sent.get(1).getHeader("Message-ID")).containsExactly(bob.messageId());
    assertThat(bob.status()).isEqualTo(NotificationStatus.SENT);
  }

  @Test
  void keepsTheConnectionForTheNextRoundAndClosesItWhenStopped() throws Exception {
    var dispatcher = dispatcher(Duration.ofSeconds(30));

    dispatcher.handOff(claim(dispatcher, "alice@example.com"));
    dispatcher.dispatchDue();
    dispatcher.handOff(claim(dispatcher, "bob@example.com", "carol@example.com"));
    dispatcher.dispatchDue();
    // A round with nothing to send, well within the idle timeout, keeps it too.
    dispatcher.dispatchDue();

    assertThat(server.connections).singleElement().asInstanceOf(LIST).hasSize(3);
    assertThat(server.open).isOne();
    dispatcher.stop();
    assertThat(server.open).isZero();
  }

  @Test
  void closesTheConnectionOnceNoRoundHasUsedItForTheIdleTimeout() throws Exception {
    var connection = new SmtpConnection(server.mailSender(), Duration.ofSeconds(30));
    Instant sent = Instant.parse("2026-12-06T10:00:00Z");

    connection.send(List.of(server.message("alice@example.com")), sent);
    connection.closeIfIdle(sent.plusSeconds(29));
    assertThat(server.open).isOne();
    connection.closeIfIdle(sent.plusSeconds(30));
    assertThat(server.open).isZero();

    connection.send(List.of(server.message("bob@example.com")), sent.plusSeconds(31));
    assertThat(server.connections).hasSize(2);
  }

  @Test
  void closesTheConnectionAfterEveryRoundWithoutAnIdleTimeout() throws Exception {
    var connection = new SmtpConnection(server.mailSender(), Duration.ZERO);

    connection.send(List.of(server.message("alice@example.com")), Instant.now());
    connection.send(List.of(server.message("bob@example.com")), Instant.now());

    assertThat(server.connections).hasSize(2);
    assertThat(server.open).isZero();
  }

  @Test
  void sendsOverANewConnectionWhenTheServerHasClosedTheKeptOne() throws Exception {
    var dispatcher = dispatcher(Duration.ofSeconds(30));
    dispatcher.handOff(claim(dispatcher, "alice@example.com"));
    dispatcher.dispatchDue();

    server.dropConnections();
    List<Notification> next = claim(dispatcher, "bob@example.com", "carol@example.com");
    dispatcher.handOff(next);
    assertThat(dispatcher.dispatchDue()).isEqualTo(2);

    assertThat(next).extracting(Notification::status).containsOnly(NotificationStatus.SENT);
    assertThat(server.connections).hasSize(2);
    assertThat(server.connections.getLast()).hasSize(2);
  }

  @Test
  void retriesEveryMessageOfTheRoundWhenTheServerIsDown() {
    var dispatcher = dispatcher(Duration.ofSeconds(30));
    server.down = true;

    List<Notification> round = claim(dispatcher, "alice@example.com", "bob@example.com");
    dispatcher.handOff(round);
    dispatcher.dispatchDue();

    assertThat(round).extracting(Notification::status).containsOnly(NotificationStatus.PENDING);
    assertThat(round).extracting(Notification::attempts).containsOnly(1);
    assertThat(round).extracting(Notification::lastError).allMatch(e -> e.contains("refused"));
    assertThat(server.connections).isEmpty();
    // One connection attempt for the round, not one per message.
    assertThat(server.connectAttempts).isOne();
  }

  private NotificationDispatcher dispatcher(Duration smtpIdleTimeout) {
    var settings =
        new NotificationSettings(
            "orders@shop-saga.example",
            // Sweeps the table every round, here: no waiting for the next sweep.
            Duration.ZERO,
            100,
            Duration.ofMinutes(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            120,
            smtpIdleTimeout);
    return new NotificationDispatcher(
        store, server.mailSender(), settings, new SimpleMeterRegistry());
  }

  private static List<Notification> claim(NotificationDispatcher dispatcher, String... recipients) {
    return Stream.of(recipients)
        .map(
            recipient ->
                dispatcher.claim(
                    UUID.randomUUID(),
                    "alice",
                    NotificationType.ORDER_CONFIRMED,
                    recipient,
                    new Email("Your order is confirmed", "Hello"),
                    Instant.now()))
        .toList();
  }

  /**
   * An SMTP server in memory, reached through a JavaMail transport of its own: it records the
   * messages offered over each connection, refuses a recipient once when asked, and can drop its
   * connections or refuse new ones.
   */
  static final class FakeSmtpServer {

    final List<List<MimeMessage>> connections = new ArrayList<>();
    int connectAttempts;
    int open;
    boolean down;
    private final Set<String> refuse = new HashSet<>();
    private final Set<FakeTransport> live = new HashSet<>();

    private static Session session(FakeSmtpServer server) {
      Properties properties = new Properties();
      properties.put(FakeSmtpServer.class.getName(), server);
      Session session = Session.getInstance(properties);
      try {
        session.setProvider(
            new Provider(
                Provider.Type.TRANSPORT, "smtp", FakeTransport.class.getName(), "shop-saga", "1"));
      } catch (NoSuchProviderException e) {
        throw new IllegalStateException(e);
      }
      return session;
    }

    void refuseOnce(String recipient) {
      refuse.add(recipient);
    }

    /** The server closes every open connection (say, an idle timeout of its own). */
    void dropConnections() {
      live.forEach(transport -> transport.dropped = true);
    }

    MimeMessage message(String recipient) throws MessagingException {
      var message = new MimeMessage(session);
      message.setRecipients(Message.RecipientType.TO, recipient);
      message.setText("Hello");
      return message;
    }

    private final Session session = session(this);

    JavaMailSenderImpl mailSender() {
      var sender = new JavaMailSenderImpl();
      sender.setSession(session);
      sender.setHost("localhost");
      return sender;
    }
  }

  /** A connection to a {@link FakeSmtpServer}; JavaMail creates it by reflection. */
  public static final class FakeTransport extends Transport {

    private final FakeSmtpServer server;
    private List<MimeMessage> sent;
    boolean dropped;

    public FakeTransport(Session session, URLName url) {
      super(session, url);
      server = (FakeSmtpServer) session.getProperties().get(FakeSmtpServer.class.getName());
    }

    @Override
    protected boolean protocolConnect(String host, int port, String user, String password)
        throws MessagingException {
      server.connectAttempts++;
      if (server.down) {
        throw new MessagingException("Couldn't connect", new ConnectException("refused"));
      }
      sent = new ArrayList<>();
      server.connections.add(sent);
      server.live.add(this);
      server.open++;
      return true;
    }

    @Override
    public void sendMessage(Message message, Address[] recipients) throws MessagingException {
      if (dropped) {
        throw new MessagingException("[EOF]");
      }
      sent.add((MimeMessage) message);
      String to = recipients[0].toString();
      if (server.refuse.remove(to)) {
        throw new SendFailedException(
            "451 try again later",
            null,
            new Address[0],
            new Address[] {new InternetAddress(to)},
            new Address[0]);
      }
    }

    @Override
    public synchronized void close() throws MessagingException {
      if (server.live.remove(this)) {
        server.open--;
      }
      super.close();
    }
  }
}
