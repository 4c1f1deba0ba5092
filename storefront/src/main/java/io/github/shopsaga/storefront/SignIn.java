package io.github.shopsaga.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing in, as a customer or as staff, and coming back to the page one was on; signing out
 * everywhere. Two client registrations of the one {@code storefront} client, because the
 * authorization server grants a person only the scope of their role and refuses a request for the
 * other's.
 */
@Controller
class SignIn {

  /** Where the authorization server sends people back (registered there, exactly). */
  static final String RETURN_PATH = "/signed-in";

  static final Set<String> ROLES = Set.of("customer", "staff");

  private static final String NEXT = SignIn.class.getName() + ".next";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final StorefrontSettings settings;

  SignIn(StorefrontSettings settings) {
    this.settings = settings;
  }

  /** Remembers the page to come back to, then starts the sign-in of the role. */
  @GetMapping("/sign-in")
  String signIn(
      @RequestParam(defaultValue = "customer") String as,
      @RequestParam(defaultValue = "/") String next,
      HttpServletRequest request) {
    String role = ROLES.contains(as) ? as : "customer";
    request.getSession().setAttribute(NEXT, isLocalPath(next) ? next : "/");
    return "redirect:/oauth2/authorization/" + role;
  }

  void succeeded(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    var session = request.getSession(false);
    Object next = session == null ? null : session.getAttribute(NEXT);
    if (session != null) {
      session.removeAttribute(NEXT);
    }
    response.sendRedirect(next instanceof String path ? path : "/");
  }

  /** A refused sign-in (a customer asking for staff, say) is shown on the first page. */
  void failed(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    String error =
        exception instanceof OAuth2AuthenticationException oauth
            ? oauth.getError().getErrorCode()
            : "sign_in_failed";
    response.sendRedirect("/?sign-in-error=" + URLEncoder.encode(error, StandardCharsets.UTF_8));
  }

  /**
   * After the storefront's session ended: where the page goes next, the authorization server's
   * sign-out (OpenID Connect RP-initiated logout), which ends the person's session there too and
   * sends them back here. Without it the next sign-in at this browser would silently be the same
   * person's, and a customer could not sign in as staff. Answered as JSON, not a redirect: the page
   * signs out with a request that carries its CSRF token, then goes where it is told.
   */
  void signedOut(
      HttpServletRequest request, HttpServletResponse response, @Nullable Authentication person)
      throws IOException {
    String next = "/";
    if (person != null && person.getPrincipal() instanceof OidcUser user) {
      next =
          UriComponentsBuilder.fromUri(settings.issuer())
              .path("/connect/logout")
              .queryParam("id_token_hint", user.getIdToken().getTokenValue())
              .queryParam("post_logout_redirect_uri", settings.publicUrl() + "/")
              .encode()
              .build()
              .toUriString();
    }
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), Map.of("next", next));
  }

  /** Only a path of this site: never an address elsewhere ({@code //host} or {@code https:}). */
  private static boolean isLocalPath(String next) {
    return next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
  }
}
