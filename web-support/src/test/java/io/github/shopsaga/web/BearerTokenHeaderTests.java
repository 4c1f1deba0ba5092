package io.github.shopsaga.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The header is read exactly as Spring Security's own resolver reads it, only without a regex. */
class BearerTokenHeaderTests {

  private final BearerTokenResolver header = new BearerTokenHeader();
  private final BearerTokenResolver springSecurity = new DefaultBearerTokenResolver();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",
        "bearer abc",
        "BEARER abc",
        "Bearer a-b.c_d~e+f/g",
        "Bearer abc==",
        "Bearer abc=",
      })
  void takesTheTokenAfterTheScheme(String authorization) {
    String token = header.resolve(requestWith(authorization));

    assertThat(token).isEqualTo(authorization.substring("Bearer ".length()));
    assertThat(token).isEqualTo(springSecurity.resolve(requestWith(authorization)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic YWxpY2U6c2hvcC1kZW1v", "Digest username=alice"})
  void ignoresOtherSchemes(String authorization) {
    assertThat(header.resolve(requestWith(authorization))).isNull();
    assertThat(springSecurity.resolve(requestWith(authorization))).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer",
        "Bearer ",
        "Bearerabc",
        "Bearer  abc",
        "Bearer a b",
        "Bearer ab=c",
        "Bearer ===",
        "Bearer abc ",
        "Bearer abc\n",
        "Bearer ab\"c",
        "Bearer abç",
      })
  void refusesAMalformedToken(String authorization) {
    assertThatThrownBy(() -> header.resolve(requestWith(authorization)))
        .isInstanceOf(OAuth2AuthenticationException.class)
        .hasMessage("Bearer token is malformed");
    assertThatThrownBy(() -> springSecurity.resolve(requestWith(authorization)))
        .isInstanceOf(OAuth2AuthenticationException.class);
  }

  @Test
  void findsNothingWithoutAHeader() {
    assertThat(header.resolve(new MockHttpServletRequest())).isNull();
  }

  private static MockHttpServletRequest requestWith(String authorization) {
    var request = new MockHttpServletRequest("GET", "/api/orders");
    request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
    return request;
  }
}
