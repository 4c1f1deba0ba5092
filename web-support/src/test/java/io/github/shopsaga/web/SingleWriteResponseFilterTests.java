package io.github.shopsaga.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SingleWriteResponseFilterTests {

  private static final String BODY = "{\"id\":\"0193a5b0-0000-7000-8000-000000000001\"}";

  /** Writes the body and flushes it, as Spring's JSON converter does. */
  private static final FilterChain CONVERTER =
      (request, response) -> {
        var http = (HttpServletResponse) response;
        http.setStatus(202);
        http.setContentType("application/json");
        http.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
        http.getOutputStream().flush();
        http.flushBuffer();
      };

  private final SingleWriteResponseFilter filter = new SingleWriteResponseFilter();

  @Test
  void sendsTheResponseToAPostWholeWithItsLength() throws Exception {
    var response = new MockHttpServletResponse();

    filter.doFilter(new MockHttpServletRequest("POST", "/api/orders"), response, CONVERTER);

    assertThat(response.getStatus()).isEqualTo(202);
    assertThat(response.getContentAsString()).isEqualTo(BODY);
    assertThat(response.getContentLength()).isEqualTo(BODY.length());
  }

  @Test
  void leavesReadsStreaming() throws Exception {
    var response = new MockHttpServletResponse();

    filter.doFilter(new MockHttpServletRequest("GET", "/api/orders"), response, CONVERTER);

    assertThat(response.getContentAsString()).isEqualTo(BODY);
    assertThat(response.isCommitted()).isTrue();
    assertThat(response.getContentLength()).isZero();
  }
}
