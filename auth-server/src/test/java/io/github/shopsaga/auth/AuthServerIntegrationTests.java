package io.github.shopsaga.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest
@AutoConfigureMockMvc
class AuthServerIntegrationTests {

  private static final String REDIRECT = "http://127.0.0.1:8090/signed-in";
  private static final JsonMapper json = JsonMapper.builder().build();

  @Autowired MockMvc mvc;

  @Test
  void issuesTheCliClientATokenForTheShopWithTheScopeItAskedFor() throws Exception {
    JsonNode answer = clientCredentials("shop-cli-secret", "shop.act-for-customers");

    Jwt token = verified(answer.get("access_token").asString());
    assertThat(token.getIssuer()).hasToString("http://localhost:9000");
    assertThat(token.getAudience()).containsExactly("shop");
    assertThat(token.getSubject()).isEqualTo("shop-cli");
    assertThat(token.getClaimAsStringList("scope")).containsExactly("shop.act-for-customers");
    assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt()))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(answer.get("token_type").asString()).isEqualTo("Bearer");
  }

  @Test
  void refusesTheCliClientWithAWrongSecret() throws Exception {
    MvcResult result = tokenRequest("guessed", "shop.staff");

    assertThat(result.getResponse().getStatus()).isEqualTo(401);
    assertThat(result.getResponse().getContentAsString()).contains("invalid_client");
  }

  @Test
  void refusesTheCliClientAScopeItWasNotRegisteredFor() throws Exception {
    MvcResult result = tokenRequest("shop-cli-secret", "shop.customer");

    assertThat(result.getResponse().getStatus()).isEqualTo(400);
    assertThat(result.getResponse().getContentAsString()).contains("invalid_scope");
  }

  @Test
  void signsACustomerInThroughTheAuthorizationCodeFlowWithPkce() throws Exception {
    MockHttpSession session = signIn("alice");
    String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();

    URI redirect = authorize(session, "openid shop.customer", verifier);
    Map<String, String> answer = answerIn(redirect);
    assertThat(answer).containsEntry("state", "s1").containsKey("code");

    JsonNode tokens = exchange(answer.get("code"), verifier);
    Jwt token = verified(tokens.get("access_token").asString());
    assertThat(token.getSubject()).isEqualTo("alice");
    assertThat(token.getAudience()).containsExactly("shop");
    assertThat(token.getClaimAsStringList("scope")).contains("shop.customer");
    assertThat(verified(tokens.get("id_token").asString()).getSubject()).isEqualTo("alice");
  }

  @Test
  void signsAPersonOutAtTheStorefrontsRequestAndSendsThemBack() throws Exception {
    MockHttpSession session = signIn("alice");
    String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
    String code = answerIn(authorize(session, "openid shop.customer", verifier)).get("code");
    String idToken = exchange(code, verifier).get("id_token").asString();

    MvcResult result =
        mvc.perform(
                // Like the authorization endpoint, it reads its parameters from the query string.
                get(UriComponentsBuilder.fromPath("/connect/logout")
                        .queryParam("id_token_hint", idToken)
                        .queryParam("post_logout_redirect_uri", "http://127.0.0.1:8090/")
                        .encode()
                        .build()
                        .toUri())
                    .session(session))
            .andReturn();

    assertThat(result.getResponse().getStatus())
        .as(
            "%s %s",
            result.getResponse().getErrorMessage(), result.getResponse().getContentAsString())
        .isEqualTo(302);
    assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("http://127.0.0.1:8090/");
    // Signed out: the next person at this browser signs in afresh (as staff, say).
    assertThat(session.isInvalid()).isTrue();
  }

  @Test
  void refusesACodeExchangedWithoutItsVerifier() throws Exception {
    MockHttpSession session = signIn("bob");
    URI redirect = authorize(session, "openid shop.customer", UUID.randomUUID().toString());
    String code = answerIn(redirect).get("code");

    MvcResult result = codeExchange(code, "not-the-verifier-of-this-code-at-all-000000");

    assertThat(result.getResponse().getStatus()).isEqualTo(400);
    assertThat(result.getResponse().getContentAsString()).contains("invalid_grant");
  }

  @Test
  void sendsAPersonNotSignedInYetToTheSignInPageWhateverTheScope() throws Exception {
    for (String scope : new String[] {"openid profile shop.customer", "openid shop.staff"}) {
      MvcResult result =
          mvc.perform(
                  get(authorizationRequest(scope, UUID.randomUUID().toString()))
                      .accept(MediaType.TEXT_HTML))
              .andReturn();

      assertThat(result.getResponse().getStatus()).isEqualTo(302);
      assertThat(result.getResponse().getRedirectedUrl()).as(scope).endsWith("/login");
    }
  }

  @Test
  void refusesACustomerTheStaffScope() throws Exception {
    URI redirect = authorize(signIn("carol"), "openid shop.staff", UUID.randomUUID().toString());

    Map<String, String> answer = answerIn(redirect);
    assertThat(answer).containsEntry("error", "invalid_scope").doesNotContainKey("code");
  }

  @Test
  void givesStaffTheStaffScopeAndNotTheCustomerOne() throws Exception {
    String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
    URI granted = authorize(signIn("staff"), "openid shop.staff", verifier);
    String code = answerIn(granted).get("code");
    Jwt token = verified(exchange(code, verifier).get("access_token").asString());
    assertThat(token.getSubject()).isEqualTo("staff");
    assertThat(token.getClaimAsStringList("scope")).contains("shop.staff");

    URI refused = authorize(signIn("staff"), "openid shop.customer", verifier);
    assertThat(answerIn(refused).get("error")).isEqualTo("invalid_scope");
  }

  @Test
  void publishesItsMetadataUnderTheConfiguredIssuer() throws Exception {
    JsonNode metadata =
        json.readTree(
            mvc.perform(get("/.well-known/openid-configuration"))
                .andReturn()
                .getResponse()
                .getContentAsString());

    assertThat(metadata.get("issuer").asString()).isEqualTo("http://localhost:9000");
    assertThat(metadata.get("jwks_uri").asString()).isEqualTo("http://localhost:9000/oauth2/jwks");
  }

  @Test
  void answersItsHealthAnonymously() throws Exception {
    assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus())
        .isEqualTo(200);
  }

  private JsonNode clientCredentials(String secret, String scope) throws Exception {
    MvcResult result = tokenRequest(secret, scope);
    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    return json.readTree(result.getResponse().getContentAsString());
  }

  private MvcResult tokenRequest(String secret, String scope) throws Exception {
    return mvc.perform(
            post("/oauth2/token")
                .with(httpBasic("shop-cli", secret))
                .param("grant_type", "client_credentials")
                .param("scope", scope))
        .andReturn();
  }

  /** Signs the demo user in through the login form; the session carries the sign-in. */
  private MockHttpSession signIn(String user) throws Exception {
    MockHttpSession session = new MockHttpSession();
    MvcResult result =
        mvc.perform(
                post("/login")
                    .session(session)
                    .with(csrf())
                    .param("username", user)
                    .param("password", "shop-demo"))
            .andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(302);
    assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error");
    return session;
  }

  /** The authorization request of the storefront; returns where the browser is sent back. */
  private URI authorize(MockHttpSession session, String scope, String verifier) throws Exception {
    MvcResult result =
        mvc.perform(get(authorizationRequest(scope, verifier)).session(session)).andReturn();
    assertThat(result.getResponse().getStatus())
        .as(
            "%s %s",
            result.getResponse().getErrorMessage(), result.getResponse().getContentAsString())
        .isEqualTo(302);
    String location = result.getResponse().getRedirectedUrl();
    assertThat(location).startsWith(REDIRECT);
    return URI.create(location);
  }

  /** The storefront's authorization request, whose parameters the endpoint reads from the query. */
  private static URI authorizationRequest(String scope, String verifier) throws Exception {
    return UriComponentsBuilder.fromPath("/oauth2/authorize")
        .queryParam("response_type", "code")
        .queryParam("client_id", "storefront")
        .queryParam("redirect_uri", REDIRECT)
        .queryParam("scope", scope)
        .queryParam("state", "s1")
        .queryParam("code_challenge", challenge(verifier))
        .queryParam("code_challenge_method", "S256")
        .encode()
        .build()
        .toUri();
  }

  private JsonNode exchange(String code, String verifier) throws Exception {
    MvcResult result = codeExchange(code, verifier);
    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    return json.readTree(result.getResponse().getContentAsString());
  }

  /** The storefront's token request for an authorization code, with a PKCE verifier. */
  private MvcResult codeExchange(String code, String verifier) throws Exception {
    return mvc.perform(
            post("/oauth2/token")
                .param("grant_type", "authorization_code")
                .param("client_id", "storefront")
                .param("code", code)
                .param("redirect_uri", REDIRECT)
                .param("code_verifier", verifier))
        .andReturn();
  }

  /** The query parameters the browser is sent back with. */
  private static Map<String, String> answerIn(URI redirect) {
    return UriComponentsBuilder.fromUri(redirect).build().getQueryParams().toSingleValueMap();
  }

  /** The token, its signature checked against the keys the server publishes. */
  private Jwt verified(String token) throws Exception {
    String keys = mvc.perform(get("/oauth2/jwks")).andReturn().getResponse().getContentAsString();
    RSAKey key = (RSAKey) JWKSet.parse(keys).getKeys().getFirst();
    return NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build().decode(token);
  }

  private static String challenge(String verifier) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }
}
