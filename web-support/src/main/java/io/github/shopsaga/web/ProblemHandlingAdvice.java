package io.github.shopsaga.web;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every client mistake into problem+json: Spring MVC's own exceptions (415, 405, 404, a
 * missing or mistyped parameter) through {@link ResponseEntityExceptionHandler}, plus a field list
 * for validation failures, a plain 400 for unreadable JSON and a 413 for oversized bodies. Details
 * are written here, never copied from an exception message.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandlingAdvice extends ResponseEntityExceptionHandler {

  private static final URI ABOUT_BLANK = URI.create("about:blank");

  /** The most invalid fields a validation problem lists. */
  static final int MAX_LISTED_ERRORS = 20;

  record FieldProblem(String field, String message) {}

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors =
        ex.getBindingResult().getAllErrors().stream()
            .map(
                error ->
                    new FieldProblem(
                        error instanceof FieldError field
                            ? field.getField()
                            : error.getObjectName(),
                        error.getDefaultMessage()))
            .sorted(Comparator.comparing(FieldProblem::field))
            .toList();
    return ResponseEntity.badRequest().body(validationProblem(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> errors =
        ex.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                new FieldProblem(
                                    result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage())))
            .toList();
    return ResponseEntity.badRequest().body(validationProblem(errors));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
    List<FieldProblem> errors =
        ex.getConstraintViolations().stream()
            .map(
                violation ->
                    new FieldProblem(
                        lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
            .sorted(Comparator.comparing(FieldProblem::field))
            .toList();
    return ResponseEntity.badRequest().body(validationProblem(errors));
  }

  /**
   * The database is out of reach (restarting, failing over, pool exhausted): not the client's
   * mistake and not a bug either, so 503 with a hint to retry rather than a bare 500. Nothing was
   * stored, so a retry (with the same Idempotency-Key) is safe.
   */
  @ExceptionHandler({
    CannotCreateTransactionException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessResourceException.class,
    QueryTimeoutException.class
  })
  ResponseEntity<Object> handleDatabaseUnavailable(Exception ex) {
    logger.warn("Database unavailable: " + ex);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The service cannot reach its database right now; retry in a moment");
    problem.setType(ApiProblems.type("service-unavailable"));
    problem.setTitle("Service Unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "1")
        .body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (RequestSizeLimitFilter.causedByOversizedBody(ex)) {
      return RequestSizeLimitFilter.tooLarge();
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableDetail(ex));
    problem.setType(ApiProblems.type("malformed-request"));
    problem.setTitle("Malformed request body");
    return ResponseEntity.badRequest().body(problem);
  }

  /**
   * Completes Spring's own problems: the contract wants a {@code type} (Spring leaves the default
   * {@code about:blank} out of the JSON) and a {@code detail} (some leave it empty).
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem) {
      if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
        problem.setType(ApiProblems.type(slug(status)));
      }
      if (problem.getDetail() == null) {
        problem.setDetail(problem.getTitle());
      }
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private static String slug(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null
        ? String.valueOf(status.value())
        : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The validation problem; it lists at most {@link #MAX_LISTED_ERRORS} fields, so that a request
   * with thousands of invalid entries gets a small answer.
   */
  private static ProblemDetail validationProblem(List<FieldProblem> errors) {
    String detail =
        errors.size() > MAX_LISTED_ERRORS
            ? "The request has %d invalid fields; the first %d are listed"
                .formatted(errors.size(), MAX_LISTED_ERRORS)
            : "The request has %d invalid field(s)".formatted(errors.size());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(ApiProblems.type("validation"));
    problem.setTitle("Validation failed");
    problem.setProperty("errors", errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS)));
    return problem;
  }

  /** Names the offending field when Jackson knows it; never the parser's own words. */
  private static String unreadableDetail(HttpMessageNotReadableException ex) {
    if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      return "The value of '%s' cannot be read".formatted(path(databind));
    }
    if (ex.getCause() instanceof JacksonException) {
      return "The request body is not valid JSON";
    }
    return "The request body is missing or cannot be read";
  }

  private static String path(DatabindException ex) {
    StringBuilder path = new StringBuilder();
    for (var reference : ex.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String lastNode(String propertyPath) {
    int dot = propertyPath.lastIndexOf('.');
    return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
  }
}
