package io.github.shopsaga.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

/**
 * Access tokens for MockMvc requests, as the shop's authorization server issues them (the JWT is
 * taken as verified: tests of the verification itself sign real tokens).
 */
public final class Tokens {

  private Tokens() {}

  /** A client acting for customers without the staff scope (the load generator's narrowest). */
  public static JwtRequestPostProcessor backOfficeActingForCustomersOnly() {
    return jwt().jwt(token -> token.subject("shop-cli").claim("scope", "shop.act-for-customers"));
  }

  /** A customer signed in through the storefront: acts as themselves only. */
  public static JwtRequestPostProcessor customer(String customerId) {
    return jwt().jwt(token -> token.subject(customerId).claim("scope", "openid shop.customer"));
  }

  /** Someone running the shop. */
  public static JwtRequestPostProcessor staff() {
    return jwt().jwt(token -> token.subject("staff").claim("scope", "openid shop.staff"));
  }

  /**
   * The back office ({@code shop-cli} by client credentials): acts for any customer and runs the
   * shop. What MockMvc requests carry unless a test says otherwise.
   */
  public static JwtRequestPostProcessor backOffice() {
    return jwt()
        .jwt(
            token -> token.subject("shop-cli").claim("scope", "shop.act-for-customers shop.staff"));
  }
}
