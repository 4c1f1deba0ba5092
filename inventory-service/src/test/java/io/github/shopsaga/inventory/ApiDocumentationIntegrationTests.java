package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.github.shopsaga.testsupport.TestIssuer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The OpenAPI document and Swagger UI a client developer discovers the catalogue API with. */
class ApiDocumentationIntegrationTests extends IntegrationTestSupport {

  RestClient http;

  @BeforeEach
  void connect() {
    http = http(TestIssuer.staff());
  }

  @Test
  void servesTheOpenApiDocumentOfTheCatalogueApi() {
    ResponseEntity<String> docs = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);

    assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
    String json = docs.getBody();
    assertThat(JsonPath.<String>read(json, "$.info.title")).isEqualTo("inventory-service");
    Map<String, Object> paths = JsonPath.read(json, "$.paths");
    assertThat(paths)
        .containsKeys("/api/products", "/api/products/{sku}", "/api/products/{sku}/restock");
    assertThat(
            JsonPath.<Map<String, Object>>read(
                json, "$.paths['/api/products'].post.responses['400'].content"))
        .containsKey("application/problem+json");
    assertThat(JsonPath.<Map<String, Object>>read(json, "$.paths['/api/products'].post.responses"))
        .containsKeys("201", "400", "409", "413", "415");
    // A bearer token for everything but browsing the catalogue.
    assertThat(JsonPath.<String>read(json, "$.components.securitySchemes.bearer.bearerFormat"))
        .isEqualTo("JWT");
    assertThat(JsonPath.<List<Object>>read(json, "$.security[*].bearer")).hasSize(1);
    assertThat(JsonPath.<List<Object>>read(json, "$.paths['/api/products/{sku}'].get.security"))
        .isEmpty();
  }

  @Test
  void servesTheSwaggerUi() {
    ResponseEntity<String> ui =
        http.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);

    assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ui.getBody()).contains("Swagger UI");
  }
}
