package io.github.shopsaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.github.shopsaga.web.ApiProblems;
import io.github.shopsaga.web.WebSupportAutoConfiguration;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

// web-support does not register itself for @WebMvcTest slices (yet), so import it here.
@WebMvcTest(ProductController.class)
@ImportAutoConfiguration(WebSupportAutoConfiguration.class)
class ProductControllerTests {

  @Autowired MockMvcTester mvc;

  @MockitoBean ProductRepository products;

  @MockitoBean Catalogue catalogue;

  private final Product mug = new Product("MUG-1", "Mug", new BigDecimal("12.50"), 100);

  private MvcTestResult post(String path, String json) {
    return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
  }

  @Test
  void addsAProduct() {
    given(catalogue.add("MUG-1", "Mug", new BigDecimal("12.50"), 100)).willReturn(mug);

    MvcTestResult result =
        post(
            "/api/products",
            """
            {"sku":"MUG-1","name":"Mug","unitPrice":12.50,"stock":100}""");

    assertThat(result).hasStatus(HttpStatus.CREATED).hasHeader("Location", "/api/products/MUG-1");
    assertThat(result)
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"sku":"MUG-1","name":"Mug","unitPrice":12.50,"available":100,"reserved":0}""");
  }

  @Test
  void ignoresFieldsTheContractDoesNotList() {
    given(catalogue.add("MUG-1", "Mug", new BigDecimal("12.50"), 100)).willReturn(mug);

    MvcTestResult result =
        post(
            "/api/products",
            """
            {"sku":"MUG-1","name":"Mug","unitPrice":12.50,"stock":100,
             "available":999,"reserved":50,"admin":true}""");

    assertThat(result).hasStatus(HttpStatus.CREATED);
    verify(catalogue).add("MUG-1", "Mug", new BigDecimal("12.50"), 100);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\":\"Mug\",\"unitPrice\":12.50,\"stock\":100}",
        "{\"sku\":\"\",\"name\":\"Mug\",\"unitPrice\":12.50,\"stock\":100}",
        "{\"sku\":\"MUG 1\",\"name\":\"Mug\",\"unitPrice\":12.50,\"stock\":100}",
        "{\"sku\":\"MUG/1\",\"name\":\"Mug\",\"unitPrice\":12.50,\"stock\":100}",
        "{\"sku\":\"A234567890123456789012345678901234567890123456789012345678901234X\","
            + "\"name\":\"Mug\",\"unitPrice\":12.50,\"stock\":100}",
        "{\"sku\":\"MUG-1\",\"unitPrice\":12.50,\"stock\":100}",
        "{\"sku\":\"MUG-1\",\"name\":\"  \",\"unitPrice\":12.50,\"stock\":100}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"stock\":100}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":0,\"stock\":100}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":-1.00,\"stock\":100}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":1000000.01,\"stock\":100}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":12.505,\"stock\":100}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":12.50}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":12.50,\"stock\":-1}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":12.50,\"stock\":1000001}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":12.50,\"stock\":1.5}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":\"cheap\",\"stock\":1}",
        "{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPrice\":12.50,\"stock\":100",
        "[]",
        ""
      })
  void refusesAnInvalidProductWith400(String body) {
    MvcTestResult result = post("/api/products", body);

    assertThat(result)
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
    verifyNoInteractions(catalogue);
  }

  @Test
  void refusesANameOverTwoHundredCharacters() {
    MvcTestResult result =
        post(
            "/api/products",
            """
            {"sku":"MUG-1","name":"%s","unitPrice":12.50,"stock":1}"""
                .formatted("x".repeat(201)));

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
    verifyNoInteractions(catalogue);
  }

  @Test
  void acceptsTheBoundaries() {
    given(catalogue.add(anyString(), anyString(), any(), anyInt())).willReturn(mug);

    MvcTestResult result =
        post(
            "/api/products",
            """
            {"sku":"a.B_9-%s","name":"%s","unitPrice":1000000.00,"stock":1000000}"""
                .formatted("x".repeat(57), "n".repeat(200)));

    assertThat(result).hasStatus(HttpStatus.CREATED);
  }

  @Test
  void refusesAnotherContentTypeWith415() {
    MvcTestResult result =
        mvc.post()
            .uri("/api/products")
            .contentType(MediaType.TEXT_PLAIN)
            .content("sku=MUG-1")
            .exchange();

    assertThat(result)
        .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    verifyNoInteractions(catalogue);
  }

  @Test
  void answersADuplicateSkuWith409() {
    given(catalogue.add(anyString(), anyString(), any(), anyInt()))
        .willThrow(ApiProblems.conflict("A product with sku MUG-1 exists already"));

    MvcTestResult result =
        post(
            "/api/products",
            """
            {"sku":"MUG-1","name":"Mug","unitPrice":12.50,"stock":100}""");

    assertThat(result)
        .hasStatus(HttpStatus.CONFLICT)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void showsAProduct() {
    given(products.findById("MUG-1")).willReturn(Optional.of(mug));

    assertThat(mvc.get().uri("/api/products/MUG-1"))
        .hasStatusOk()
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"sku":"MUG-1","name":"Mug","unitPrice":12.50,"available":100,"reserved":0}""");
  }

  @Test
  void answersAnUnknownProductWith404() {
    given(products.findById("NOPE-1")).willReturn(Optional.empty());

    assertThat(mvc.get().uri("/api/products/NOPE-1"))
        .hasStatus(HttpStatus.NOT_FOUND)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("No product with sku NOPE-1");
  }

  @Test
  void listsProductsAsAStablePageSortedBySku() {
    given(products.findAll(any(Pageable.class)))
        .willReturn(new PageImpl<>(List.of(mug), PageRequest.of(0, 20), 1));

    assertThat(mvc.get().uri("/api/products"))
        .hasStatusOk()
        .bodyJson()
        .isStrictlyEqualTo(
            """
            {"content":[{"sku":"MUG-1","name":"Mug","unitPrice":12.50,"available":100,"reserved":0}],
             "page":{"size":20,"number":0,"totalElements":1,"totalPages":1}}""");
    var asked = ArgumentCaptor.forClass(Pageable.class);
    verify(products).findAll(asked.capture());
    assertThat(asked.getValue()).isEqualTo(PageRequest.of(0, 20, Sort.by("sku")));
  }

  @Test
  void capsThePageSizeAtOneHundredAndAlwaysSortsBySku() {
    given(products.findAll(any(Pageable.class))).willReturn(new PageImpl<>(List.of()));

    assertThat(mvc.get().uri("/api/products?page=2&size=5000&sort=name,desc")).hasStatusOk();

    var asked = ArgumentCaptor.forClass(Pageable.class);
    verify(products).findAll(asked.capture());
    assertThat(asked.getValue()).isEqualTo(PageRequest.of(2, 100, Sort.by("sku")));
  }

  @Test
  void restocksAProduct() {
    mug.restock(10);
    given(catalogue.restock("MUG-1", 10)).willReturn(mug);

    assertThat(post("/api/products/MUG-1/restock", "{\"quantity\":10}"))
        .hasStatusOk()
        .bodyJson()
        .extractingPath("$.available")
        .isEqualTo(110);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"quantity\":0}",
        "{\"quantity\":-5}",
        "{\"quantity\":1000001}",
        "{\"quantity\":2.5}",
        "{\"quantity\":\"ten\"}",
        "{\"quantity\":"
      })
  void refusesAnInvalidRestockWith400(String body) {
    assertThat(post("/api/products/MUG-1/restock", body))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    verifyNoInteractions(catalogue);
  }

  @Test
  void answersARestockOfAnUnknownProductWith404() {
    given(catalogue.restock("NOPE-1", 1))
        .willThrow(ApiProblems.notFound("No product with sku NOPE-1"));

    assertThat(post("/api/products/NOPE-1/restock", "{\"quantity\":1}"))
        .hasStatus(HttpStatus.NOT_FOUND)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void refusesAnInvalidSkuInThePathBeforeLookingItUpOrEchoingIt() {
    String sku = "<script>" + "x".repeat(500);

    assertThat(mvc.get().uri("/api/products/{sku}", sku))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .extractingPath("$.errors[0].field")
        .isEqualTo("sku");
    assertThat(post("/api/products/BAD$SKU/restock", "{\"quantity\":1}"))
        .hasStatus(HttpStatus.BAD_REQUEST);
    verifyNoInteractions(products, catalogue);
  }
}
