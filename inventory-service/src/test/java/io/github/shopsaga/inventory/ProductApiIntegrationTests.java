package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.shopsaga.inventory.InventorySettings.Inventory;
import io.github.shopsaga.testsupport.TestIssuer;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The catalogue over real HTTP, on the real database. */
class ProductApiIntegrationTests extends IntegrationTestSupport {

  RestClient http;

  @BeforeEach
  void connect() {
    http = http(TestIssuer.staff());
  }

  private ResponseEntity<String> post(String path, String json) {
    return http.post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json)
        .retrieve()
        .toEntity(String.class);
  }

  @Test
  void addsShowsAndRestocksAProduct() {
    String sku = "API-" + UUID.randomUUID();

    ResponseEntity<String> created =
        post(
            "/api/products",
            """
            {"sku":"%s","name":"Mug","unitPrice":12.50,"stock":100,"reserved":7}"""
                .formatted(sku));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getHeaders().getLocation()).hasToString("/api/products/" + sku);

    ResponseEntity<String> restocked =
        post("/api/products/%s/restock".formatted(sku), "{\"quantity\":10}");
    assertThat(restocked.getStatusCode()).isEqualTo(HttpStatus.OK);

    String shown = http.get().uri("/api/products/{sku}", sku).retrieve().body(String.class);
    assertThat(shown)
        .isEqualTo(
            """
            {"sku":"%s","name":"Mug","unitPrice":12.50,"available":110,"reserved":0}"""
                .formatted(sku));
  }

  @Test
  void addsAProductOnceWhenTheSameSkuIsPostedConcurrently() throws Exception {
    String sku = "API-" + UUID.randomUUID();
    String body =
        """
        {"sku":"%s","name":"Lamp","unitPrice":39.90,"stock":5}"""
            .formatted(sku);

    List<HttpStatusCode> statuses;
    try (var threads = Executors.newFixedThreadPool(8)) {
      List<Callable<HttpStatusCode>> posts =
          IntStream.range(0, 8)
              .<Callable<HttpStatusCode>>mapToObj(
                  _ -> () -> post("/api/products", body).getStatusCode())
              .toList();
      statuses = threads.invokeAll(posts).stream().map(ProductApiIntegrationTests::get).toList();
    }

    assertThat(statuses).filteredOn(HttpStatus.CREATED::equals).hasSize(1);
    assertThat(statuses).filteredOn(HttpStatus.CONFLICT::equals).hasSize(7);
    assertThat(product(sku).available()).isEqualTo(5);
  }

  @Test
  void listsTheCatalogueAsAPage() {
    newProduct("1.00", 1);

    String page = http.get().uri("/api/products?page=0&size=500").retrieve().body(String.class);

    assertThat(page).contains("\"content\":[").contains("\"page\":{\"size\":100,\"number\":0");
  }

  @Test
  void answersAnUnknownProductWith404() {
    ResponseEntity<String> response =
        http.get()
            .uri("/api/products/NOPE-{id}", UUID.randomUUID())
            .retrieve()
            .toEntity(String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void seedsTheDemoCatalogueOnceWhenSwitchedOn() {
    var demoData = new DemoData(jdbc, new InventorySettings("EUR", new Inventory(true)));

    demoData.run(null);
    jdbc.sql("update product set available = available - 1 where sku = 'RARE-1' and available > 0")
        .update();
    demoData.run(null);

    assertThat(product("MUG-1").unitPrice()).isEqualByComparingTo(new BigDecimal("12.50"));
    assertThat(product("TEA-7").name()).isEqualTo("Green tea");
    assertThat(product("LAMP-3").unitPrice()).isEqualByComparingTo(new BigDecimal("39.90"));
    assertThat(product("BOOK-42").name()).isEqualTo("The Hitchhiker's Guide");
    // Seeding again leaves existing products as they are.
    assertThat(product("RARE-1").available()).isZero();
    assertThat(demoData.seed()).isZero();
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
