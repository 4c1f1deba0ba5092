package io.github.shopsaga.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may do what in the storefront. The pages are public; the API relay needs a signed-in person,
 * except to read the catalogue. People sign in through the authorization server (OpenID Connect,
 * authorization code with PKCE); the operations view's data is for staff. Tokens stay in this
 * process's session, never in the browser, which holds only a session cookie (HTTP-only,
 * same-site). Changes carry a CSRF token from a cookie the pages read.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain storefront(HttpSecurity http, SignIn signIn) throws Exception {
    var paths = PathPatternRequestMatcher.withDefaults();
    var data = new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/ops/**"));
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/*")
                    .permitAll()
                    .requestMatchers(paths.matcher("/ops/**"))
                    .hasAuthority("SCOPE_shop.staff")
                    .requestMatchers(data)
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .oauth2Login(
            login ->
                login
                    .redirectionEndpoint(endpoint -> endpoint.baseUri(SignIn.RETURN_PATH))
                    .successHandler(signIn::succeeded)
                    .failureHandler(signIn::failed))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .defaultAuthenticationEntryPointFor(signInRequired(), data)
                    .defaultAccessDeniedHandlerFor(
                        (request, response, denied) ->
                            Problems.write(
                                response,
                                HttpStatus.FORBIDDEN,
                                "urn:shop-saga:problem:forbidden",
                                "Forbidden",
                                "The operations view is for staff: sign in as staff."),
                        paths.matcher("/ops/**")))
        .csrf(csrf -> csrf.spa())
        // The pages load their scripts, styles and data from here only; no inline script runs.
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp ->
                        csp.policyDirectives(
                            "default-src 'self'; object-src 'none'; base-uri 'self';"
                                + " frame-ancestors 'none'")))
        .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessHandler(signIn::signedOut));
    return http.build();
  }

  /** Tokens live in the person's session, and end with it. */
  @Bean
  OAuth2AuthorizedClientRepository authorizedClients() {
    return new HttpSessionOAuth2AuthorizedClientRepository();
  }

  /** A call to the API without a sign-in: a problem the pages understand, not a redirect. */
  private static AuthenticationEntryPoint signInRequired() {
    return (HttpServletRequest request,
        HttpServletResponse response,
        AuthenticationException exception) -> signInRequired(response);
  }

  static void signInRequired(HttpServletResponse response) throws IOException {
    Problems.write(
        response,
        HttpStatus.UNAUTHORIZED,
        "urn:shop-saga:problem:sign-in-required",
        "Sign-in required",
        "Sign in to see your orders and to place one.");
  }
}
