package io.github.shopsaga.storefront;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a page asked for under another host name (http://localhost:8090 for http://127.0.0.1:8090)
 * to the public address. A sign-in starts and ends in a session cookie, which a browser keeps per
 * host name, and the authorization server sends people back to the public address only: a sign-in
 * begun elsewhere could not finish.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CanonicalHost extends OncePerRequestFilter {

  private final URI publicUrl;
  private final int publicPort;

  CanonicalHost(StorefrontSettings settings) {
    this.publicUrl = settings.publicUrl();
    this.publicPort =
        publicUrl.getPort() != -1
            ? publicUrl.getPort()
            : "https".equals(publicUrl.getScheme()) ? 443 : 80;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod())
        || request.getRequestURI().startsWith("/actuator/")
        || (publicUrl.getHost().equalsIgnoreCase(request.getServerName())
            && publicPort == request.getServerPort());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    response.sendRedirect(
        publicUrl.resolve(request.getRequestURI() + (query == null ? "" : "?" + query)).toString());
  }
}
