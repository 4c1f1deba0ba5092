package io.github.shopsaga.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens it has verified until they expire, so that a client sending the same token
 * with every request (the command line, the load generator, a browser) costs the RSA signature
 * check and the JSON parsing once, not on every request: at 250 orders/s they were an eighth of
 * order-service's CPU samples. The key is the whole token, signature included, so only the very
 * token that was verified matches; a remembered token is still refused once it expires (or before
 * its not-before time). Holds at most {@value #MAX_TOKENS} tokens, and starts afresh when full.
 */
final class VerifiedTokens implements JwtDecoder {

  static final int MAX_TOKENS = 10_000;

  private final JwtDecoder verifier;
  private final Clock clock;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  VerifiedTokens(JwtDecoder verifier, Clock clock) {
    this.verifier = verifier;
    this.clock = clock;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Verified known = verified.get(token);
    if (known != null) {
      if (known.isCurrentAt(clock.instant())) {
        return known.jwt();
      }
      verified.remove(token);
    }
    Jwt jwt = verifier.decode(token);
    if (jwt.getExpiresAt() != null) {
      if (verified.size() >= MAX_TOKENS) {
        verified.clear();
      }
      verified.put(token, Verified.of(jwt));
    }
    return jwt;
  }

  /**
   * A verified token with its validity read once ({@link Jwt#getExpiresAt()} converts the claim on
   * every call).
   */
  private record Verified(Jwt jwt, Instant notBefore, Instant expiresAt) {

    static Verified of(Jwt jwt) {
      Instant notBefore = jwt.getNotBefore() == null ? Instant.MIN : jwt.getNotBefore();
      return new Verified(jwt, notBefore, jwt.getExpiresAt());
    }

    boolean isCurrentAt(Instant now) {
      return now.isBefore(expiresAt) && !now.isBefore(notBefore);
    }
  }
}
