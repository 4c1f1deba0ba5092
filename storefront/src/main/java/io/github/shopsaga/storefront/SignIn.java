package io.github.shopsaga.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in, as a customer or as staff, and coming back to the page one was on. Two client
 * registrations of the one {@code storefront} client, because the authorization server grants a
 * person only the scope of their role and refuses a request for the other's.
 */
@Controller
class SignIn {

  /** Where the authorization server sends people back (registered there, exactly). */
  static final String RETURN_PATH = "/signed-in";

  static final Set<String> ROLES = Set.of("customer", "staff");

  private static final String NEXT = SignIn.class.getName() + ".next";

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

  /** Only a path of this site: never an address elsewhere ({@code //host} or {@code https:}). */
  private static boolean isLocalPath(String next) {
    return next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
  }
}
