package io.github.shopsaga.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(ProblemHandlingTests.WidgetController.class)
@Import(ProblemHandlingTests.WidgetController.class)
class ProblemHandlingTests {

  @Autowired MockMvcTester mvc;
  @Autowired WidgetController widgets;

  @BeforeEach
  void forgetWidgets() {
    widgets.created.clear();
  }

  @Test
  void acceptsAValidRequest() {
    assertThat(post("{\"name\":\"mug\",\"price\":12.50,\"quantity\":3}")).hasStatus(HttpStatus.OK);
    assertThat(widgets.created).hasSize(1);
  }

  @Test
  void listsEveryInvalidFieldInAValidationProblem() {
    MvcTestResult result = post("{\"name\":\"\",\"price\":1.234,\"quantity\":5000}");

    assertProblem(result, HttpStatus.BAD_REQUEST, "urn:shop-saga:problem:validation");
    assertThat(result)
        .bodyJson()
        .extractingPath("$.errors[*].field")
        .asArray()
        .containsExactly("name", "price", "quantity");
    assertThat(widgets.created).isEmpty();
  }

  @Test
  void listsAtMostTwentyInvalidFieldsAndSaysHowManyThereAre() {
    String tags = String.join(",", java.util.Collections.nCopies(500, "\"\""));
    MvcTestResult result = post("{\"name\":\"mug\",\"quantity\":3,\"tags\":[" + tags + "]}");

    assertProblem(result, HttpStatus.BAD_REQUEST, "urn:shop-saga:problem:validation");
    assertThat(result)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("The request has 500 invalid fields; the first 20 are listed");
    assertThat(result).bodyJson().extractingPath("$.errors").asArray().hasSize(20);
    assertThat(widgets.created).isEmpty();
  }

  @Test
  void answersMalformedJsonWith400WithoutEchoingTheParser() {
    MvcTestResult result = post("{\"name\": \"mug\", ");

    assertProblem(result, HttpStatus.BAD_REQUEST, "urn:shop-saga:problem:malformed-request");
    assertThat(result)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("The request body is not valid JSON");
    assertThat(widgets.created).isEmpty();
  }

  @Test
  void namesTheFieldOfAValueOfTheWrongType() {
    MvcTestResult result = post("{\"name\":\"mug\",\"price\":12.5,\"quantity\":\"many\"}");

    assertProblem(result, HttpStatus.BAD_REQUEST, "urn:shop-saga:problem:malformed-request");
    assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("quantity");
  }

  @Test
  void answersAMissingBodyWith400() {
    assertProblem(
        mvc.post().with(jwt()).uri("/widgets").contentType(MediaType.APPLICATION_JSON).exchange(),
        HttpStatus.BAD_REQUEST,
        "urn:shop-saga:problem:malformed-request");
  }

  @Test
  void answersAnotherContentTypeWith415() {
    MvcTestResult result =
        mvc.post()
            .with(jwt())
            .uri("/widgets")
            .contentType(MediaType.TEXT_PLAIN)
            .content("mug")
            .exchange();

    assertProblem(
        result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "urn:shop-saga:problem:unsupported-media-type");
  }

  @Test
  void answersABodyOverOneMebibyteWith413() {
    String huge = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\",\"price\":1,\"quantity\":1}";

    assertProblem(
        post(huge), HttpStatus.CONTENT_TOO_LARGE, "urn:shop-saga:problem:payload-too-large");
    assertThat(widgets.created).isEmpty();
  }

  @Test
  void validatesQueryParametersAndPathVariables() {
    MvcTestResult result = mvc.get().with(jwt()).uri("/widgets/bad id!?size=0").exchange();

    assertProblem(result, HttpStatus.BAD_REQUEST, "urn:shop-saga:problem:validation");
    assertThat(result)
        .bodyJson()
        .extractingPath("$.errors[*].field")
        .asArray()
        .containsExactlyInAnyOrder("id", "size");
  }

  @Test
  void answersAMistypedParameterWith400() {
    assertProblem(
        mvc.get().with(jwt()).uri("/widgets/mug?size=lots").exchange(),
        HttpStatus.BAD_REQUEST,
        "urn:shop-saga:problem:bad-request");
  }

  @Test
  void passesApplicationProblemsThrough() {
    MvcTestResult result = mvc.get().with(jwt()).uri("/widgets/missing?size=1").exchange();

    assertProblem(result, HttpStatus.NOT_FOUND, "urn:shop-saga:problem:not-found");
    assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("No widget missing");
  }

  @Test
  void answersAnUnreachableDatabaseWith503AndARetryHint() {
    MvcTestResult result = mvc.get().with(jwt()).uri("/widgets/count").exchange();

    assertProblem(
        result, HttpStatus.SERVICE_UNAVAILABLE, "urn:shop-saga:problem:service-unavailable");
    assertThat(result).hasHeader("Retry-After", "1");
    assertThat(result).bodyJson().extractingPath("$.detail").asString().doesNotContain("refused");
  }

  @Test
  void answersAnUnknownPathWith404() {
    assertProblem(
        mvc.get().with(jwt()).uri("/nothing-here").exchange(),
        HttpStatus.NOT_FOUND,
        "urn:shop-saga:problem:not-found");
  }

  private MvcTestResult post(String json) {
    return mvc.post()
        .with(jwt())
        .uri("/widgets")
        .contentType(MediaType.APPLICATION_JSON)
        .content(json)
        .exchange();
  }

  private static void assertProblem(MvcTestResult result, HttpStatus status, String type) {
    assertThat(result).hasStatus(status);
    assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(type);
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
    assertThat(result).bodyJson().extractingPath("$.title").isNotNull();
    assertThat(result).bodyJson().extractingPath("$.detail").isNotNull();
  }

  @SpringBootApplication
  static class WidgetApplication {}

  record NewWidget(
      @NotBlank String name,
      @Digits(integer = 7, fraction = 2) BigDecimal price,
      @Max(1000) int quantity,
      List<@NotBlank String> tags) {}

  @RestController
  static class WidgetController {

    final List<NewWidget> created = new ArrayList<>();

    @PostMapping("/widgets")
    NewWidget create(@Valid @RequestBody NewWidget widget) {
      created.add(widget);
      return widget;
    }

    @GetMapping("/widgets/count")
    int count() {
      throw new CannotCreateTransactionException(
          "Could not open JDBC Connection", new IllegalStateException("Connection refused"));
    }

    @GetMapping("/widgets/{id}")
    String find(
        @PathVariable @Pattern(regexp = "[a-z]+") String id,
        @RequestParam @jakarta.validation.constraints.Min(1) int size) {
      throw ApiProblems.notFound("No widget " + id);
    }
  }
}
