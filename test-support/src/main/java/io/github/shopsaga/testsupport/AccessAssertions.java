package io.github.shopsaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The contract's answers to a refused request, as the access tests check them. */
public final class AccessAssertions {

  private AccessAssertions() {}

  /** 401 with a bearer challenge, as problem+json: no token, or one that is not valid. */
  public static void assertUnauthorized(MvcTestResult result) {
    assertProblem(result, HttpStatus.UNAUTHORIZED);
    assertThat(result).headers().containsHeader(HttpHeaders.WWW_AUTHENTICATE);
  }

  /** 403 as problem+json: a valid token that may not do this. */
  public static void assertForbidden(MvcTestResult result) {
    assertProblem(result, HttpStatus.FORBIDDEN);
  }

  public static void assertProblem(MvcTestResult result, HttpStatus status) {
    assertThat(result).hasStatus(status);
    assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
