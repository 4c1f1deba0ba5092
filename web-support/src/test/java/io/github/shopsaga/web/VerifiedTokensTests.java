package io.github.shopsaga.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTests {

  private static final Instant ISSUED = Instant.parse("2026-12-06T10:00:00Z");

  private final List<String> verifications = new ArrayList<>();
  private final JwtDecoder verifier =
      token -> {
        verifications.add(token);
        if (token.startsWith("forged")) {
          throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token)
            .header("alg", "RS256")
            .subject("alice")
            .issuedAt(ISSUED)
            .expiresAt(ISSUED.plusSeconds(900))
            .build();
      };

  @Test
  void verifiesATokenOnceWhileItIsValid() {
    var tokens = new VerifiedTokens(verifier, at(ISSUED.plusSeconds(10)));

    Jwt first = tokens.decode("token-a");
    Jwt again = tokens.decode("token-a");

    assertThat(again).isSameAs(first);
    assertThat(verifications).containsExactly("token-a");
  }

  @Test
  void neverRemembersARefusedToken() {
    var tokens = new VerifiedTokens(verifier, at(ISSUED.plusSeconds(10)));

    assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);
    assertThat(verifications).containsExactly("forged-1", "forged-1");
  }

  @Test
  void checksARememberedTokenAgainOnceItHasExpired() {
    var clock = new MutableClock(ISSUED.plusSeconds(10));
    var tokens = new VerifiedTokens(verifier, clock);
    tokens.decode("token-b");

    clock.now = ISSUED.plusSeconds(900);
    tokens.decode("token-b");

    assertThat(verifications).containsExactly("token-b", "token-b");
  }

  private static Clock at(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
