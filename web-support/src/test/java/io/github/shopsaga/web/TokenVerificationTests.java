package io.github.shopsaga.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The resource server's check of a token, as a service runs it: the keys come from a JWK set URL
 * (served here by a small HTTP server), the issuer and audience from the shared defaults. Only a
 * token signed by the issuer's key, for the shop, unexpired, is let through.
 */
@WebMvcTest(TokenVerificationTests.WhoAmIController.class)
@Import(TokenVerificationTests.WhoAmIController.class)
class TokenVerificationTests {

  private static final String ISSUER = "http://localhost:9000";
  private static final RSAKey issuerKey = newKey();
  private static final RSAKey otherKey = newKey();
  private static final HttpServer keys = serve(new JWKSet(issuerKey.toPublicJWK()));

  @DynamicPropertySource
  static void issuerKeys(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
        () -> "http://127.0.0.1:" + keys.getAddress().getPort() + "/oauth2/jwks");
  }

  @AfterAll
  static void stopKeys() {
    keys.stop(0);
  }

  @Autowired MockMvcTester mvc;

  @Test
  void letsAValidTokenThroughAndNamesItsCaller() {
    MvcTestResult result = call(signed(issuerKey, claims -> claims));

    assertThat(result).hasStatusOk();
    assertThat(result).bodyText().isEqualTo("alice [shop.customer]");
  }

  @Test
  void refusesARequestWithoutAToken() {
    MvcTestResult result = mvc.get().uri("/whoami").exchange();

    assertUnauthorized(result);
    assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
  }

  @Test
  void refusesAnExpiredToken() {
    Instant past = Instant.now().minus(Duration.ofHours(1));
    assertUnauthorized(
        call(
            signed(
                issuerKey,
                claims ->
                    claims
                        .issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))))));
  }

  @Test
  void refusesATokenSignedWithAnotherKey() {
    assertUnauthorized(call(signed(otherKey, claims -> claims)));
  }

  @Test
  void refusesAnUnsignedToken() {
    String unsigned = new PlainJWT(claims(claims -> claims).build()).serialize();
    assertThat(unsigned).endsWith(".");

    assertUnauthorized(call(unsigned));
  }

  @Test
  void refusesATokenOfAnotherIssuer() {
    assertUnauthorized(call(signed(issuerKey, claims -> claims.issuer("http://evil.example"))));
  }

  @Test
  void refusesATokenMeantForAnotherAudience() {
    assertUnauthorized(call(signed(issuerKey, claims -> claims.audience("another-api"))));
  }

  @Test
  void refusesAMalformedToken() {
    assertUnauthorized(call("not-a-jwt"));
  }

  @Test
  void observesNothingOfSpringSecurityItself() {
    observed.clear();

    assertThat(call(signed(issuerKey, claims -> claims))).hasStatusOk();
    assertUnauthorized(call(signed(otherKey, claims -> claims)));

    // A span and a timer per filter of the chain, and for each authentication and authorization,
    // were a fifth of order-service's CPU at 300 orders/s (see ApiSecurityConfiguration).
    assertThat(observed).noneMatch(name -> name.startsWith("spring.security"));
  }

  private MvcTestResult call(String token) {
    return mvc.get().uri("/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
  }

  private static void assertUnauthorized(MvcTestResult result) {
    assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
    assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).headers().containsHeader(HttpHeaders.WWW_AUTHENTICATE);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.type")
        .isEqualTo("urn:shop-saga:problem:unauthorized");
  }

  private static JWTClaimsSet.Builder claims(UnaryOperator<JWTClaimsSet.Builder> change) {
    Instant now = Instant.now();
    return change.apply(
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("alice")
            .audience("shop")
            .claim("scope", "shop.customer")
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(15)))));
  }

  private static String signed(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
    try {
      // The other key carries the issuer key's id: only the signature tells them apart.
      var header =
          new JWSHeader.Builder(JWSAlgorithm.RS256)
              .keyID(issuerKey.getKeyID())
              .type(JOSEObjectType.JWT)
              .build();
      var jwt = new SignedJWT(header, claims(change).build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyID("issuer-key").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpServer serve(JWKSet jwks) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      byte[] body = jwks.toString().getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/oauth2/jwks",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The names of the observations started in this test's context. */
  private static final List<String> observed = new CopyOnWriteArrayList<>();

  @TestConfiguration
  static class RecordedObservations {

    @Bean
    ObservationRegistry observationRegistry() {
      ObservationRegistry registry = ObservationRegistry.create();
      registry
          .observationConfig()
          .observationHandler(
              new ObservationHandler<>() {
                @Override
                public void onStart(Observation.Context context) {
                  observed.add(context.getName());
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                  return true;
                }
              });
      return registry;
    }
  }

  @RestController
  static class WhoAmIController {

    @GetMapping("/whoami")
    String whoAmI(Caller caller) {
      return caller.subject() + " " + caller.scopes();
    }
  }
}
