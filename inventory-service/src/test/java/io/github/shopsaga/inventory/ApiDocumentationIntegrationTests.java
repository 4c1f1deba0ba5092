package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.github.shopsaga.testsupport.TestIssuer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The OpenAPI document and Swagger UI a client developer discovers the catalogue API with. */
class ApiDocumentationIntegrationTests extends IntegrationTestSupport {

  @LocalServerPort int port;

  RestClient http;

  @BeforeEach
  void connect() {
    http =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultHeader("Authorization", TestIssuer.staff())
            .defaultStatusHandler(HttpStatusCode::isError, (_, _) -> {})
            .build();
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
  }

  @Test
  void servesTheSwaggerUi() {
    ResponseEntity<String> ui =
        http.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);

    assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ui.getBody()).contains("Swagger UI");
  }
}
