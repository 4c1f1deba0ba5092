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
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.ProblemDetail;

/**
 * Documents the problems every operation with a request body can answer, the same in every service:
 * 413 for a body over 1 MiB ({@link RequestSizeLimitFilter}) and 415 for a body that is not JSON.
 * Controllers document only what is their own.
 */
class BodyProblemsDocumentation implements OpenApiCustomizer {

  private static final String PROBLEM_JSON = "application/problem+json";

  private static final String TOO_LARGE =
      """
      {"type":"urn:shop-saga:problem:payload-too-large","title":"Content Too Large","status":413,
       "detail":"The request body is larger than 1 MiB"}""";

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
        .forEach(BodyProblemsDocumentation::addBodyProblems);
  }

  private static void addBodyProblems(Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    operation
        .getResponses()
        .putIfAbsent("413", problem("Body larger than 1 MiB", "too large", TOO_LARGE));
    operation
        .getResponses()
        .putIfAbsent(
            "415",
            problem("Body not application/json", "unsupported media type", UNSUPPORTED_MEDIA_TYPE));
  }

  private static ApiResponse problem(String description, String exampleName, String example) {
    var mediaType =
        new MediaType()
            .schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))
            .examples(Map.of(exampleName, new Example().value(example)));
    return new ApiResponse()
        .description(description)
        .content(new Content().addMediaType(PROBLEM_JSON, mediaType));
  }
}
