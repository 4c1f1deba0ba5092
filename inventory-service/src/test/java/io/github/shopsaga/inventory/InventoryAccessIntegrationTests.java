package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.testsupport.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Who may do what with the catalogue, over real HTTP with signed tokens: anyone browses it; only
 * staff add products and restock, and a refused request changes nothing.
 */
class InventoryAccessIntegrationTests extends IntegrationTestSupport {

  private static final String CUSTOMER = TestIssuer.bearer("alice", "openid shop.customer");
  private static final String BACK_OFFICE_ACTING_FOR_CUSTOMERS =
      TestIssuer.bearer("shop-cli", "shop.act-for-customers");

  RestClient http;

  @BeforeEach
  void connect() {
    http = http(null);
  }

  @Test
  void letsAnyoneBrowseTheCatalogue() {
    String sku = newProduct("4.00", 3);

    assertThat(get("/api/products/" + sku, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("/api/products", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("/api/products/" + sku, CUSTOMER).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void letsOnlyStaffAddAProduct() {
    String sku = "T-" + java.util.UUID.randomUUID();
    String body = "{\"sku\":\"%s\",\"name\":\"Cup\",\"unitPrice\":3.00,\"stock\":5}".formatted(sku);

    assertRefused(post("/api/products", body, null), HttpStatus.UNAUTHORIZED);
    assertRefused(post("/api/products", body, CUSTOMER), HttpStatus.FORBIDDEN);
    assertRefused(
        post("/api/products", body, BACK_OFFICE_ACTING_FOR_CUSTOMERS), HttpStatus.FORBIDDEN);
    assertThat(products.findById(sku)).isEmpty();

    assertThat(post("/api/products", body, TestIssuer.staff()).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void letsOnlyStaffRestock() {
    String sku = newProduct("4.00", 3);
    String path = "/api/products/" + sku + "/restock";

    assertRefused(post(path, "{\"quantity\":10}", null), HttpStatus.UNAUTHORIZED);
    assertRefused(post(path, "{\"quantity\":10}", CUSTOMER), HttpStatus.FORBIDDEN);
    assertThat(product(sku).available()).isEqualTo(3);

    assertThat(post(path, "{\"quantity\":10}", TestIssuer.staff()).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(product(sku).available()).isEqualTo(13);
  }

  @Test
  void refusesAForgedTokenAsNoTokenAtAll() {
    String forged = CUSTOMER.substring(0, CUSTOMER.length() - 4) + "AAAA";

    assertRefused(get("/api/products", "Bearer not-a-token"), HttpStatus.UNAUTHORIZED);
    assertRefused(
        post("/api/products/x/restock", "{\"quantity\":1}", forged), HttpStatus.UNAUTHORIZED);
  }

  @Test
  void keepsMetricsAndApiDocumentsForStaff() {
    assertThat(get("/actuator/health", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    for (String path : new String[] {"/actuator/prometheus", "/v3/api-docs"}) {
      assertRefused(get(path, null), HttpStatus.UNAUTHORIZED);
      assertRefused(get(path, CUSTOMER), HttpStatus.FORBIDDEN);
      assertThat(get(path, TestIssuer.staff()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
  }

  private static void assertRefused(ResponseEntity<String> response, HttpStatus status) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isTrue();
  }

  private ResponseEntity<String> get(String path, String authorization) {
    var request = http.get().uri(path);
    if (authorization != null) {
      request = request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
    return request.retrieve().toEntity(String.class);
  }

  private ResponseEntity<String> post(String path, String json, String authorization) {
    var request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json);
    if (authorization != null) {
      request = request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
    return request.retrieve().toEntity(String.class);
  }
}
