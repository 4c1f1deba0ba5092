package io.github.shopsaga.endtoend;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service running as its own JVM from its executable jar, its output appended to a log file. It
 * can be stopped gracefully, killed (SIGKILL) and started again on the same port, so a test can
 * take a service away in the middle of a saga.
 */
final class ServiceProcess {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final Path log;
  private final int port;
  private final List<String> arguments;
  private Process process;

  /**
   * @param name the service's name, e.g. {@code order-service}
   * @param jar its executable jar
   * @param log the file its output is appended to
   * @param port the HTTP port it listens on
   * @param arguments Spring Boot command-line arguments ({@code --key=value})
   */
  ServiceProcess(String name, Path jar, Path log, int port, List<String> arguments) {
    this.name = name;
    this.jar = jar;
    this.log = log;
    this.port = port;
    this.arguments = List.copyOf(arguments);
  }

  /** Another process of the same service, with the same arguments, on its own port and log. */
  ServiceProcess another(int port, Path log) {
    return new ServiceProcess(name, jar, log, port, arguments);
  }

  Path log() {
    return log;
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Launches the JVM without waiting for it: see {@link #awaitHealthy()}. */
  synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: package the services first (./mvnw -B package -DskipTests)");
    }
    List<String> command = new ArrayList<>();
    // The test JVM's own java, so the services run on the JDK the build uses.
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // Four services share the machine with the build: small heaps, quick start.
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(List.of("-jar", jar.toString()));
    command.add("--server.port=" + port);
    command.addAll(arguments);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "---- starting " + name + ": " + String.join(" ", command) + System.lineSeparator(),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Waits until {@code /actuator/health} says UP; fails at once if the process died. */
  void awaitHealthy() {
    await(name + " healthy on port " + port + " (log: " + log + ")")
        .atMost(STARTUP_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .failFast(name + " exited during start-up, see " + log, () -> !isAlive())
        .until(this::isHealthy);
  }

  boolean isHealthy() {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(uri("/actuator/health"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops the service as an operator would (SIGTERM, graceful shutdown), killing it if it hangs.
   */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!waitFor(GRACEFUL_STOP_TIMEOUT)) {
      kill();
    }
  }

  /** Kills the service at once (SIGKILL): no shutdown hook, no graceful anything. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    waitFor(GRACEFUL_STOP_TIMEOUT);
  }

  /** Stops the service gracefully and starts it again, waiting until it is healthy. */
  void restart() {
    stop();
    start();
    awaitHealthy();
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return name + " on port " + port;
  }
}
