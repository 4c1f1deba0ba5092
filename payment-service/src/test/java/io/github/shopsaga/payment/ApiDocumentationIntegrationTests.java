package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The OpenAPI document and Swagger UI a client developer discovers the API with. */
class ApiDocumentationIntegrationTests extends IntegrationTestSupport {

  @Test
  void servesTheOpenApiDocumentOfTheAccountsAndPaymentsApi() {
    assertThat(mvc.get().uri("/v3/api-docs"))
        .hasStatus(HttpStatus.OK)
        .bodyJson()
        .hasPathSatisfying("$.info.title", title -> assertThat(title).isEqualTo("payment-service"))
        .hasPath("$.paths['/api/accounts'].post.responses['201']")
        .hasPath(
            "$.paths['/api/accounts'].post.responses['400'].content['application/problem+json']")
        .hasPath("$.paths['/api/accounts'].post.responses['409']")
        .hasPath("$.paths['/api/accounts/{customerId}'].get.responses['404']")
        .hasPath("$.paths['/api/payments'].get");
  }

  @Test
  void servesTheSwaggerUi() {
    assertThat(mvc.get().uri("/swagger-ui/index.html")).hasStatus(HttpStatus.OK);
  }
}
