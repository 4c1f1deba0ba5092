package io.github.shopsaga.endtoend;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The whole shop, started once per test JVM on first use: one PostgreSQL with a database and user
 * per service, one Kafka, a GreenMail SMTP server, the authorization server and the four services
 * as separate processes with their demo data switched off. The tests call the services with a token
 * of the back office ({@code shop-cli}, client credentials), as the command line does. Everything
 * stops when the JVM exits (the containers through Testcontainers' reaper).
 */
final class Suite {

  private final ServiceProcess auth;
  private final ServiceProcess order;
  private final ServiceProcess inventory;
  private final ServiceProcess payment;
  private final ServiceProcess notification;
  private final ServiceProcess storefront;
  private final String jdbc;
  private final GreenMail mail;
  private final List<MimeMessage> archivedMail = new ArrayList<>();
  private final Shop shop;

  private Suite() {
    PostgreSQLContainer postgres = InfrastructureContainers.postgresContainer();
    KafkaContainer kafka = InfrastructureContainers.kafkaContainer();
    Stream.of("orders", "inventory", "payments", "notifications")
        .forEach(database -> createDatabase(postgres, database));

    // The drills kill services mid-work. When a killed notification-service held an SMTP session
    // open, GreenMail's handler thread dies of "Connection reset": an uncaught exception in the
    // test's own JVM, which Awaitility by default turns into the failure of whatever is being
    // awaited (a CI run of 2026-12-07). What the tests check is what the server received.
    Awaitility.doNotCatchUncaughtExceptionsByDefault();
    mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();

    Path root = Path.of(System.getProperty("shop.e2e.root", "..")).toAbsolutePath().normalize();
    String version = System.getProperty("shop.e2e.version", "0.1.0-SNAPSHOT");
    String bootstrapServers = kafka.getBootstrapServers();
    jdbc = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/";
    int authPort = freePort();
    String issuer = "http://localhost:" + authPort;
    // The storefront at 127.0.0.1, the authorization server at localhost: a browser keeps their
    // session cookies apart by host name only, not by port.
    int storefrontPort = freePort();
    String storefrontUrl = "http://127.0.0.1:" + storefrontPort;
    auth =
        new ServiceProcess(
            "auth-server",
            jarOf(root, version, "auth-server"),
            root.resolve("end-to-end-tests/target/auth-server.log"),
            authPort,
            List.of(
                "--shop.auth.issuer=" + issuer,
                "--shop.auth.customers=" + String.join(",", CUSTOMERS),
                "--shop.auth.storefront-redirect-uris=" + storefrontUrl + "/signed-in",
                "--shop.auth.storefront-post-logout-redirect-uris=" + storefrontUrl + "/"));
    List<String> common =
        List.of(
            "--spring.kafka.bootstrap-servers=" + bootstrapServers,
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
            "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer + "/oauth2/jwks");

    order = service(root, version, "order-service", jdbc, "orders", common, List.of());
    inventory =
        service(
            root,
            version,
            "inventory-service",
            jdbc,
            "inventory",
            common,
            List.of("--shop.inventory.demo-data=false"));
    payment =
        service(
            root,
            version,
            "payment-service",
            jdbc,
            "payments",
            common,
            List.of("--shop.payment.demo-data=false"));
    notification =
        service(
            root,
            version,
            "notification-service",
            jdbc,
            "notifications",
            common,
            List.of(
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.getSmtp().getPort()));

    storefront =
        new ServiceProcess(
            "storefront",
            jarOf(root, version, "storefront"),
            root.resolve("end-to-end-tests/target/storefront.log"),
            storefrontPort,
            List.of(
                "--shop.storefront.public-url=" + storefrontUrl,
                "--shop.storefront.issuer=" + issuer,
                "--shop.storefront.order-service=" + order.uri(""),
                "--shop.storefront.inventory-service=" + inventory.uri(""),
                "--shop.storefront.payment-service=" + payment.uri(""),
                "--shop.storefront.notification-service=" + notification.uri("")));

    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "end-to-end-suite-stop"));
    // Start all six before waiting for any: their start-ups overlap.
    auth.start();
    services().forEach(ServiceProcess::start);
    storefront.start();
    auth.awaitHealthy();
    services().forEach(ServiceProcess::awaitHealthy);
    storefront.awaitHealthy();

    shop =
        new Shop(
            new AccessTokens(auth.uri("/oauth2/token")), order, inventory, payment, notification);
  }

  /**
   * The people who can sign in (password {@link #PASSWORD}): the authorization server's demo
   * customers, and one per browser test, whose accounts the tests open.
   */
  static final List<String> CUSTOMERS =
      List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan");

  /** The demo users' password, the authorization server's default. */
  static final String PASSWORD = "shop-demo";

  /** The running suite, started on the first call. */
  static Suite instance() {
    return Holder.SUITE;
  }

  /** A client for the running suite's HTTP APIs. */
  static Shop shop() {
    return instance().shop;
  }

  ServiceProcess order() {
    return order;
  }

  ServiceProcess inventory() {
    return inventory;
  }

  ServiceProcess payment() {
    return payment;
  }

  ServiceProcess notification() {
    return notification;
  }

  /** The storefront, at its public address (http://127.0.0.1:port). */
  ServiceProcess storefront() {
    return storefront;
  }

  /**
   * A second order-service process beside the suite's, on a port of its own, not started: the
   * caller starts it and stops it.
   */
  ServiceProcess anotherOrderService() {
    return another(order);
  }

  /**
   * A second process of one of the suite's services, on a port and log of its own, not started: the
   * caller starts it and stops it.
   */
  ServiceProcess another(ServiceProcess service) {
    Path log = service.log().resolveSibling(service.name() + "-2.log");
    return service.another(freePort(), log);
  }

  List<ServiceProcess> services() {
    return List.of(order, inventory, payment, notification);
  }

  /** A connection to a service's database, as the service's own user. */
  Connection database(String name) throws SQLException {
    return DriverManager.getConnection(jdbc + name, name, name);
  }

  /** The SMTP server notification-service sends its e-mails to. */
  GreenMail mail() {
    return mail;
  }

  /**
   * Takes the SMTP server down, as an outage would: connections are refused until {@link
   * #startMail()}. What it received so far is kept (GreenMail forgets it when it stops).
   */
  synchronized void stopMail() {
    archivedMail.addAll(List.of(mail.getReceivedMessages()));
    mail.stop();
  }

  /** Brings the SMTP server back on the same port. */
  synchronized void startMail() {
    mail.start();
  }

  /** Every e-mail the SMTP server received, across outages, oldest first. */
  synchronized List<MimeMessage> receivedMail() {
    return Stream.concat(archivedMail.stream(), Stream.of(mail.getReceivedMessages())).toList();
  }

  /** The e-mails GreenMail received for an address, oldest first. */
  List<ReceivedMail> mailTo(String address) {
    return receivedMail().stream()
        .filter(message -> isAddressedTo(message, address))
        .map(ReceivedMail::of)
        .toList();
  }

  /** An e-mail as the customer reads it. */
  record ReceivedMail(String subject, String body) {

    static ReceivedMail of(MimeMessage message) {
      try {
        return new ReceivedMail(message.getSubject(), GreenMailUtil.getBody(message));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static boolean isAddressedTo(MimeMessage message, String address) {
    try {
      Address[] recipients = message.getAllRecipients();
      return recipients != null
          && Stream.of(recipients)
              .anyMatch(
                  recipient ->
                      recipient instanceof InternetAddress internet
                          && address.equalsIgnoreCase(internet.getAddress()));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void stop() {
    // In parallel: each may take a few seconds to shut down gracefully.
    Stream.concat(services().stream(), Stream.of(auth, storefront))
        .parallel()
        .forEach(ServiceProcess::stop);
    mail.stop();
  }

  private static ServiceProcess service(
      Path root,
      String version,
      String name,
      String jdbc,
      String database,
      List<String> common,
      List<String> extra) {
    Path built = jarOf(root, version, name);
    Path target = root.resolve("end-to-end-tests").resolve("target");
    Path log = target.resolve(name + ".log");
    // A copy of its own: a service restarted by a drill runs the build it started with, even when
    // the jar is rebuilt meanwhile (a jar rewritten under a running JVM breaks its class loading).
    Path jar = copy(built, target.resolve("service-jars").resolve(name + ".jar"));
    List<String> arguments =
        Stream.of(
                List.of(
                    "--spring.datasource.url=" + jdbc + database,
                    "--spring.datasource.username=" + database,
                    "--spring.datasource.password=" + database),
                common,
                extra)
            .flatMap(List::stream)
            .toList();
    return new ServiceProcess(name, jar, log, freePort(), arguments);
  }

  private static Path jarOf(Path root, String version, String name) {
    return root.resolve(name).resolve("target").resolve(name + "-" + version + ".jar");
  }

  private static Path copy(Path jar, Path copy) {
    if (!Files.isRegularFile(jar)) {
      return jar; // ServiceProcess says what is missing when it starts.
    }
    try {
      Files.createDirectories(copy.getParent());
      return Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + jar, e);
    }
  }

  /** Creates a database owned by a user of the same name and password, as docker-compose does. */
  private static void createDatabase(PostgreSQLContainer postgres, String name) {
    try (Connection connection =
            DriverManager.getConnection(
                postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
        Statement statement = connection.createStatement()) {
      if (exists(connection, "select 1 from pg_database where datname = ?", name)) {
        return;
      }
      // Identifiers cannot be bound as parameters; the names are this class's own constants.
      statement.execute("create user " + name + " password '" + name + "'");
      statement.execute("create database " + name + " owner " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
  }

  private static boolean exists(Connection connection, String query, String name)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, name);
      try (ResultSet result = statement.executeQuery()) {
        return result.next();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Holder idiom: the suite starts on first use, once per JVM. */
  private static final class Holder {
    static final Suite SUITE = new Suite();
  }
}
