package io.github.shopsaga.storefront;

import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, for the pages; it also hands the pages their CSRF cookie. */
@RestController
class SessionController {

  private final StorefrontSettings settings;

  SessionController(StorefrontSettings settings) {
    this.settings = settings;
  }

  /**
   * The person signed in, if any.
   *
   * @param customerId the customer the person shops as (their subject), when they are a customer
   * @param staff whether the person signed in as staff
   */
  record SessionResponse(
      boolean signedIn,
      @Nullable String name,
      @Nullable String customerId,
      boolean staff,
      URI mailViewer) {}

  @GetMapping("/session")
  SessionResponse session(@Nullable Authentication authentication, CsrfToken csrf) {
    csrf.getToken(); // writes the XSRF-TOKEN cookie the pages send back as a header
    if (!(authentication instanceof OAuth2AuthenticationToken)) {
      return new SessionResponse(false, null, null, false, settings.mailViewer());
    }
    Set<String> scopes =
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .collect(Collectors.toSet());
    boolean customer = scopes.contains("SCOPE_shop.customer");
    return new SessionResponse(
        true,
        authentication.getName(),
        customer ? authentication.getName() : null,
        scopes.contains("SCOPE_shop.staff"),
        settings.mailViewer());
  }
}
