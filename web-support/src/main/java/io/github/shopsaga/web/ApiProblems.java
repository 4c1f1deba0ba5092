package io.github.shopsaga.web;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problems a controller throws; each becomes a problem+json response with its status. */
public final class ApiProblems {

  private ApiProblems() {}

  public static ErrorResponseException notFound(String detail) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", detail);
  }

  /** The caller is known, and not allowed to do this. */
  public static ErrorResponseException forbidden(String detail) {
    return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
  }

  public static ErrorResponseException conflict(String detail) {
    return problem(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
  }

  public static ErrorResponseException unprocessable(String detail) {
    return problem(
        HttpStatus.UNPROCESSABLE_CONTENT, "unprocessable", "Unprocessable Content", detail);
  }

  public static ErrorResponseException badRequest(String detail) {
    return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request", detail);
  }

  /** The service cannot take the request now; the client may retry after {@code retryAfter}. */
  public static ErrorResponseException unavailable(String detail, Duration retryAfter) {
    ErrorResponseException problem =
        problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service Unavailable", detail);
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
    return problem;
  }

  static URI type(String slug) {
    return URI.create("urn:shop-saga:problem:" + slug);
  }

  private static ErrorResponseException problem(
      HttpStatus status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type(slug));
    problem.setTitle(title);
    return new ErrorResponseException(status, problem, null);
  }
}
