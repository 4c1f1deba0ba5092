package io.github.shopsaga.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
 * The back office's access token ({@code shop-cli}, client credentials, for acting for customers
 * and running the shop), fetched from the authorization server and fetched again a minute before it
 * expires. The secret is auth-server's demo default.
 */
final class AccessTokens {

  static final String SCOPES = "shop.act-for-customers shop.staff";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI tokenEndpoint;
  private final HttpClient http = HttpClient.newHttpClient();
  private String token;
  private Instant renewAt = Instant.MIN;

  AccessTokens(URI tokenEndpoint) {
    this.tokenEndpoint = tokenEndpoint;
  }

  /** A valid token for {@link #SCOPES}. */
  synchronized String current() {
    if (Instant.now().isAfter(renewAt)) {
      JsonNode answer = request("shop-cli", "shop-cli-secret", SCOPES);
      token = answer.get("access_token").asString();
      renewAt =
          Instant.now().plusSeconds(answer.get("expires_in").asLong()).minus(Duration.ofMinutes(1));
    }
    return token;
  }

  private JsonNode request(String client, String secret, String scope) {
    String credentials =
        Base64.getEncoder()
            .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(tokenEndpoint)
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&scope=" + scope.replace(" ", "%20")))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the token endpoint answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + tokenEndpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
