package io.github.shopsaga.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The operator's and client developer's endpoints: health probes, dead letters and the API
 * documentation.
 */
class ActuatorIntegrationTests extends IntegrationTestSupport {

  @Test
  void reportsUpWithoutDetailsOnThePublicHealthEndpoint() {
    assertThat(mvc.get().uri("/actuator/health"))
        .hasStatus(HttpStatus.OK)
        .bodyJson()
        .isLenientlyEqualTo("{\"status\":\"UP\"}")
        .doesNotHavePath("$.components");
  }

  @Test
  void isReadyWhenTheDatabaseIsUpWhateverTheBroker() {
    assertThat(mvc.get().uri("/actuator/health/readiness"))
        .hasStatus(HttpStatus.OK)
        .bodyJson()
        .isLenientlyEqualTo(
            """
            {"status":"UP","components":{"readinessState":{"status":"UP"},"db":{"status":"UP"}}}
            """)
        .doesNotHavePath("$.components.kafka");
  }

  @Test
  void isLive() {
    assertThat(mvc.get().uri("/actuator/health/liveness"))
        .hasStatus(HttpStatus.OK)
        .bodyJson()
        .extractingPath("$.status")
        .isEqualTo("UP");
  }

  @Test
  void listsTheDeadLettersOfASagaTopic() {
    assertThat(mvc.get().uri("/actuator/deadletters/payment-events?limit=5"))
        .hasStatus(HttpStatus.OK)
        .bodyJson()
        .satisfies(
            json -> {
              assertThat(json).extractingPath("$.topic").isEqualTo("payment-events-dlt");
              assertThat(json).extractingPath("$.count").asNumber().isNotNull();
              assertThat(json).extractingPath("$.newest").asArray().hasSizeLessThanOrEqualTo(5);
            });
  }

  @Test
  void refusesADeadLetterRequestItCannotServe() {
    assertThat(mvc.get().uri("/actuator/deadletters/order-events?limit=0"))
        .hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(mvc.get().uri("/actuator/deadletters/not a topic!"))
        .hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(
            mvc.post()
                .uri("/actuator/deadletters/order-events")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(
            mvc.post()
                .uri("/actuator/deadletters/payment-events")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"partition\":0,\"offset\":9000000000}"))
        .hasStatus(HttpStatus.NOT_FOUND);
  }

  @Test
  void servesTheOpenApiDocumentOfTheOrdersApi() {
    assertThat(mvc.get().uri("/v3/api-docs"))
        .hasStatus(HttpStatus.OK)
        .bodyJson()
        .hasPathSatisfying("$.info.title", title -> assertThat(title).isEqualTo("order-service"))
        .hasPath("$.paths['/api/orders'].post.responses['202']")
        .hasPath("$.paths['/api/orders'].post.responses['400'].content['application/problem+json']")
        .hasPath("$.paths['/api/orders'].post.responses['422']")
        .hasPath("$.paths['/api/orders'].post.responses['413'].content['application/problem+json']")
        .hasPath("$.paths['/api/orders'].post.responses['415'].content['application/problem+json']")
        .hasPath("$.paths['/api/orders'].get")
        .hasPath("$.paths['/api/orders/{id}'].get.responses['404']")
        .hasPath("$.paths['/api/orders/{id}/events'].get")
        .hasPath("$.paths['/api/orders/{id}/cancel'].post.responses['409']");
  }

  @Test
  @SuppressWarnings("unchecked")
  void documentsEveryErrorResponseAsAProblemWithTheSharedExamples() throws Exception {
    String docs = mvc.get().uri("/v3/api-docs").exchange().getResponse().getContentAsString();
    Map<String, Map<String, Map<String, Object>>> paths = JsonPath.read(docs, "$.paths");
    List<String> errors = new ArrayList<>();
    paths.forEach(
        (path, operations) ->
            operations.forEach(
                (method, operation) ->
                    ((Map<String, Map<String, Object>>) operation.get("responses"))
                        .forEach(
                            (status, response) -> {
                              if (status.startsWith("4") || status.startsWith("5")) {
                                errors.add(method + " " + path + " " + status);
                                assertThat((Map<String, Object>) response.get("content"))
                                    .as("%s %s %s", method, path, status)
                                    .containsOnlyKeys("application/problem+json")
                                    .extractingByKey("application/problem+json")
                                    .extracting("schema")
                                    .extracting("$ref")
                                    .isEqualTo("#/components/schemas/ProblemDetail");
                              }
                            })));
    assertThat(errors).contains("get /api/orders/{id} 404", "post /api/orders/{id}/cancel 409");
    assertThat(
            JsonPath.<Map<String, Object>>read(
                docs,
                "$.paths['/api/orders'].post.responses['400']"
                    + ".content['application/problem+json'].examples"))
        .containsKeys("malformed JSON", "invalid fields");
  }

  @Test
  void servesTheSwaggerUi() {
    assertThat(mvc.get().uri("/swagger-ui/index.html")).hasStatus(HttpStatus.OK);
    assertThat(mvc.get().uri("/swagger-ui.html")).hasStatus3xxRedirection();
  }
}
