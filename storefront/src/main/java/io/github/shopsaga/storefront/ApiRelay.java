package io.github.shopsaga.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages' API: {@code /api/**} relayed as it is to the service that owns it, with the signed-in
 * person's access token added. The services decide what the person may do and answer with their own
 * problems; the relay adds nothing but the token, and says so with a problem of its own when a
 * service cannot be reached. A stream of order changes is passed on as it arrives.
 */
@RestController
class ApiRelay {

  /** What a request to a service may carry, beyond its body. */
  private static final List<String> REQUEST_HEADERS =
      List.of("Accept", "Content-Type", "Idempotency-Key", "Last-Event-ID");

  /** What the pages need of a service's answer, beyond its body. */
  private static final List<String> RESPONSE_HEADERS =
      List.of("Content-Type", "Location", "Retry-After", "Cache-Control");

  /** The services' own limit (413 beyond it); a larger body is not read further. */
  private static final int MAX_BODY = 1024 * 1024;

  private static final Duration STREAM_RETRY_PERIOD = Duration.ofMillis(500);

  private static final byte[] RECONNECT =
      ": order-service cannot be reached; reconnect\nretry: 1000\n\n"
          .getBytes(StandardCharsets.UTF_8);

  private final Map<String, URI> owners;
  private final Duration timeout;
  private final Duration streamWait;
  private final SignedInTokens tokens;
  private final HttpClient http;

  ApiRelay(StorefrontSettings settings, SignedInTokens tokens, HttpClient http) {
    this.owners =
        Map.of(
            "products", settings.inventoryService(),
            "orders", settings.orderService(),
            "accounts", settings.paymentService(),
            "payments", settings.paymentService(),
            "notifications", settings.notificationService());
    this.timeout = settings.apiTimeout();
    this.streamWait = settings.streamWait();
    this.tokens = tokens;
    this.http = http;
  }

  @RequestMapping("/api/**")
  void relay(
      HttpServletRequest request,
      HttpServletResponse response,
      @Nullable Authentication authentication)
      throws IOException {
    String path = request.getRequestURI();
    URI owner = owners.get(firstSegment(path));
    if (owner == null) {
      Problems.write(
          response,
          HttpStatus.NOT_FOUND,
          "about:blank",
          "Not Found",
          "The shop has no API at " + path + ".");
      return;
    }
    String token = null;
    if (authentication instanceof OAuth2AuthenticationToken signedIn) {
      token = tokens.of(signedIn, request);
      if (token == null) {
        SecurityConfiguration.signInRequired(response);
        return;
      }
    }
    String query = request.getQueryString();
    URI target = owner.resolve(path + (query == null ? "" : "?" + query));
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      Problems.write(
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "about:blank",
          "Content Too Large",
          "The request body is larger than 1 MiB.");
      return;
    }
    boolean stream = acceptsEventStream(request);
    HttpRequest relayed = relayed(request, target, body, token, stream);
    HttpResponse<InputStream> answer;
    try {
      answer = stream ? openStream(relayed) : send(relayed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (answer == null) {
      if (stream) {
        askToReconnect(response);
        return;
      }
      response.setHeader("Retry-After", "1");
      Problems.write(
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          "urn:shop-saga:problem:service-unavailable",
          "Service Unavailable",
          "The shop cannot be reached just now. Try again in a moment.");
      return;
    }
    try (InputStream from = answer.body()) {
      response.setStatus(answer.statusCode());
      for (String header : RESPONSE_HEADERS) {
        answer.headers().firstValue(header).ifPresent(value -> response.setHeader(header, value));
      }
      OutputStream to = response.getOutputStream();
      if (stream) {
        passOn(from, to, response);
      } else {
        from.transferTo(to);
      }
    }
  }

  /** The request as the service receives it: the page's, with the person's token added. */
  private HttpRequest relayed(
      HttpServletRequest request, URI target, byte[] body, @Nullable String token, boolean stream) {
    HttpRequest.Builder relayed =
        HttpRequest.newBuilder(target)
            .method(
                request.getMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (!stream) {
      relayed.timeout(timeout);
    }
    for (String header : REQUEST_HEADERS) {
      String value = request.getHeader(header);
      if (value != null) {
        relayed.header(header, value);
      }
    }
    if (token != null) {
      relayed.header("Authorization", "Bearer " + token);
    }
    return relayed.build();
  }

  /** The service's answer, or null when it cannot be reached in time. */
  private @Nullable HttpResponse<InputStream> send(HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpTimeoutException e) {
      return null;
    }
  }

  /**
   * A stream of order-service's, waiting for it while it is away or starting (a restart takes
   * seconds): the browser's EventSource stays in its reconnecting state meanwhile, rather than
   * seeing a stream open that has nothing behind it. Null if order-service is still away after
   * {@code shop.storefront.stream-wait}.
   */
  private @Nullable HttpResponse<InputStream> openStream(HttpRequest request)
      throws IOException, InterruptedException {
    Instant giveUp = Instant.now().plus(streamWait);
    while (true) {
      HttpResponse<InputStream> answer = send(request);
      if (answer != null && answer.statusCode() < 500) {
        return answer;
      }
      if (answer != null) {
        answer.body().close();
      }
      if (Instant.now().isAfter(giveUp)) {
        return null;
      }
      Thread.sleep(STREAM_RETRY_PERIOD);
    }
  }

  /**
   * Each piece of a stream as it comes: a change reaches the page at once. The stream ends when
   * either side does: order-service ending it or going away (the browser reconnects), or the
   * browser leaving (the relay lets go of order-service's stream).
   */
  private static void passOn(InputStream from, OutputStream to, HttpServletResponse response)
      throws IOException {
    response.flushBuffer();
    byte[] buffer = new byte[8192];
    try {
      for (int read; (read = from.read(buffer)) != -1; ) {
        to.write(buffer, 0, read);
        to.flush();
      }
    } catch (IOException e) {
      // Either side gone: the stream is over, which is no error of anyone's.
    }
  }

  /**
   * An empty stream that asks the browser to come back in a second. A browser's EventSource gives
   * up for good on an error status, but reconnects after a stream ends: a page following its orders
   * rides out an outage of order-service of any length, and catches up when it is back.
   */
  private static void askToReconnect(HttpServletResponse response) throws IOException {
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
    response.getOutputStream().write(RECONNECT);
  }

  private static boolean acceptsEventStream(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
  }

  /** {@code products} of {@code /api/products/MUG-1}. */
  private static String firstSegment(String path) {
    String rest = path.substring("/api/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
