package io.github.shopsaga.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generator's access token: client credentials at the authorization server, fetched again a
 * minute before it expires (a ladder outlasts a token). Safe from any thread.
 */
final class AccessToken {

  private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);
  private static final JsonMapper json = JsonMapper.builder().build();

  private final HttpClient http;
  private final URI tokenEndpoint;
  private final String basicCredentials;
  private final String scope;
  private String header;
  private Instant renewAt = Instant.MIN;

  AccessToken(HttpClient http, URI tokenEndpoint, String clientId, String secret, String scope) {
    this.http = http;
    this.tokenEndpoint = tokenEndpoint;
    this.basicCredentials =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    this.scope = scope;
  }

  /** The value of an {@code Authorization} header with a valid token. */
  synchronized String bearer() {
    if (Instant.now().isAfter(renewAt)) {
      JsonNode answer = fetch();
      header = "Bearer " + answer.get("access_token").asString();
      renewAt =
          Instant.now().plusSeconds(answer.get("expires_in").asLong()).minus(RENEW_BEFORE_EXPIRY);
    }
    return header;
  }

  private JsonNode fetch() {
    HttpRequest request =
        HttpRequest.newBuilder(tokenEndpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Basic " + basicCredentials)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
            .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "%s answered %d: %s"
                .formatted(
                    tokenEndpoint,
                    response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8)));
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot get a token from " + tokenEndpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
