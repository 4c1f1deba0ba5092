package io.github.shopsaga.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Sends the response to a request that changes something (a POST, PUT, PATCH or DELETE) in one
 * write, with its {@code Content-Length}: Spring's JSON converter flushes the body it has written,
 * which makes Tomcat send the response at once, chunked, and end it with a second write of the
 * terminating chunk. These responses are small (an order, a problem), so holding one back costs a
 * copy of a few hundred bytes, where the second write was 1.7% of order-service's CPU samples at
 * 400 orders a second (docs/benchmarks.md, step 18). Reads are left streaming: they include the
 * server-sent-events streams and pages of any size.
 */
class SingleWriteResponseFilter extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return HttpMethod.GET.matches(request.getMethod())
        || HttpMethod.HEAD.matches(request.getMethod())
        || HttpMethod.OPTIONS.matches(request.getMethod());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var held = new ContentCachingResponseWrapper(response);
    // Not on an exception: what was held back is dropped, and the error dispatch that follows
    // writes the error response itself.
    chain.doFilter(request, held);
    held.copyBodyToResponse();
  }
}
