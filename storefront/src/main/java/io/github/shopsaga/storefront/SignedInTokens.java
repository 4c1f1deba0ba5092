package io.github.shopsaga.storefront;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;

/** The access token a signed-in person's sign-in left in their session. */
@Component
class SignedInTokens {

  /** A token this close to its expiry is not sent: the service might refuse it on arrival. */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

  private final OAuth2AuthorizedClientRepository authorizedClients;

  SignedInTokens(OAuth2AuthorizedClientRepository authorizedClients) {
    this.authorizedClients = authorizedClients;
  }

  /**
   * The person's access token, or null when it has expired: their sign-in is over, and the page
   * sends them through the authorization server again (a bounce, while its own session lasts).
   */
  @Nullable String of(OAuth2AuthenticationToken signedIn, HttpServletRequest request) {
    OAuth2AuthorizedClient client =
        authorizedClients.loadAuthorizedClient(
            signedIn.getAuthorizedClientRegistrationId(), signedIn, request);
    if (client == null) {
      return null;
    }
    Instant expiresAt = client.getAccessToken().getExpiresAt();
    if (expiresAt != null && expiresAt.isBefore(Instant.now().plus(EXPIRY_MARGIN))) {
      return null;
    }
    return client.getAccessToken().getTokenValue();
  }
}
