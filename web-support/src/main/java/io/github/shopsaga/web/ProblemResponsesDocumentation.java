package io.github.shopsaga.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Objects;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.ProblemDetail;

/**
 * Documents the problems the same in every service: every error response (4xx, 5xx) of every
 * operation is {@code application/problem+json} with the {@link ProblemDetail} schema, so a
 * controller declares an error with its status and what it means there, and adds an example only
 * where it says something specific; and every operation with a request body can answer 400 for
 * malformed JSON, 413 for a body over 1 MiB ({@link RequestSizeLimitFilter}) and 415 for a body
 * that is not JSON.
 */
class ProblemResponsesDocumentation implements OpenApiCustomizer {

  private static final String PROBLEM_JSON = "application/problem+json";

  private static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";

  private static final String TOO_LARGE =
      """
      {"type":"urn:shop-saga:problem:payload-too-large","title":"Content Too Large","status":413,
       "detail":"The request body is larger than 1 MiB"}""";

  private static final String MALFORMED =
      """
      {"type":"urn:shop-saga:problem:malformed-request","title":"Malformed request body",
       "status":400,"detail":"The request body is not valid JSON"}""";

  private static final String UNSUPPORTED_MEDIA_TYPE =
      """
      {"type":"urn:shop-saga:problem:unsupported-media-type","title":"Unsupported Media Type",
       "status":415,"detail":"Content-Type 'text/plain' is not supported."}""";

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getPaths() == null) {
      return;
    }
    ModelConverters.getInstance().read(ProblemDetail.class).forEach(openApi::schema);
    openApi.getPaths().values().stream()
        .flatMap(path -> Stream.of(path.getPost(), path.getPut(), path.getPatch()))
        .filter(Objects::nonNull)
        .filter(operation -> operation.getRequestBody() != null)
        .forEach(ProblemResponsesDocumentation::addBodyProblems);
    openApi.getPaths().values().stream()
        .flatMap(path -> path.readOperations().stream())
        .filter(operation -> operation.getResponses() != null)
        .forEach(
            operation ->
                operation.getResponses().forEach(ProblemResponsesDocumentation::asProblem));
  }

  /** An error response is a problem: its content is problem+json with the ProblemDetail schema. */
  private static void asProblem(String status, ApiResponse response) {
    if (!status.matches("[45]\\d\\d") || response.get$ref() != null) {
      return;
    }
    MediaType problem =
        response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
    if (problem == null) {
      // Whatever springdoc inferred (the operation's own media type and return type) is not what an
      // error sends; the examples a controller gave are kept.
      problem = new MediaType();
      if (response.getContent() != null) {
        for (MediaType declared : response.getContent().values()) {
          if (declared.getExamples() != null) {
            declared.getExamples().forEach(problem::addExamples);
          }
        }
      }
      response.setContent(new Content().addMediaType(PROBLEM_JSON, problem));
    }
    if (problem.getSchema() == null) {
      problem.setSchema(new Schema<>().$ref(PROBLEM_SCHEMA));
    }
  }

  private static void addBodyProblems(Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    addExample(operation, "400", "Malformed JSON", "malformed JSON", MALFORMED);
    addExample(operation, "413", "Body larger than 1 MiB", "too large", TOO_LARGE);
    addExample(
        operation,
        "415",
        "Body not application/json",
        "unsupported media type",
        UNSUPPORTED_MEDIA_TYPE);
  }

  /**
   * Adds the example to the operation's problem response, declaring it if the operation did not.
   */
  private static void addExample(
      Operation operation, String status, String description, String name, String example) {
    ApiResponse response =
        operation
            .getResponses()
            .computeIfAbsent(status, _ -> new ApiResponse().description(description));
    asProblem(status, response);
    response.getContent().get(PROBLEM_JSON).addExamples(name, new Example().value(example));
  }
}
