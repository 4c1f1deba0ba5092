package io.github.shopsaga.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.shopsaga.web.ApiProblems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The catalogue over HTTP: products, their prices and their stock. */
@RestController
@RequestMapping("/api/products")
class ProductController {

  static final int MAX_PAGE_SIZE = 100;

  private final ProductRepository products;
  private final Catalogue catalogue;

  ProductController(ProductRepository products, Catalogue catalogue) {
    this.products = products;
    this.catalogue = catalogue;
  }

  @PostMapping
  ResponseEntity<ProductResponse> add(@Valid @RequestBody NewProduct request) {
    Product product =
        catalogue.add(request.sku(), request.name(), request.unitPrice(), request.stock());
    return ResponseEntity.created(URI.create("/api/products/" + product.sku()))
        .body(ProductResponse.of(product));
  }

  @GetMapping("/{sku}")
  ProductResponse get(@PathVariable String sku) {
    return products
        .findById(sku)
        .map(ProductResponse::of)
        .orElseThrow(() -> ApiProblems.notFound("No product with sku %s".formatted(sku)));
  }

  /**
   * A page of the catalogue, sorted by sku: {@code ?page=0&size=20} (size at most 100), answered as
   * {@code {"content":[...],"page":{"size","number","totalElements","totalPages"}}}.
   */
  @GetMapping
  Page<ProductResponse> list(@PageableDefault(size = 20) Pageable pageable) {
    var bySku =
        PageRequest.of(
            pageable.getPageNumber(),
            Math.min(pageable.getPageSize(), MAX_PAGE_SIZE),
            Sort.by("sku"));
    return products.findAll(bySku).map(ProductResponse::of);
  }

  @PostMapping("/{sku}/restock")
  ProductResponse restock(@PathVariable String sku, @Valid @RequestBody Restock request) {
    return ProductResponse.of(catalogue.restock(sku, request.quantity()));
  }

  record NewProduct(
      @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String sku,
      @NotBlank @Size(max = 200) String name,
      @NotNull
          @DecimalMin(value = "0", inclusive = false)
          @DecimalMax("1000000")
          @Digits(integer = 7, fraction = 2)
          BigDecimal unitPrice,
      @NotNull @Min(0) @Max(1_000_000) Integer stock) {}

  record Restock(@NotNull @Min(1) @Max(1_000_000) Integer quantity) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ProductResponse(
      String sku, String name, BigDecimal unitPrice, int available, int reserved) {

    static ProductResponse of(Product product) {
      return new ProductResponse(
          product.sku(),
          product.name(),
          product.unitPrice(),
          product.available(),
          product.reserved());
    }
  }
}
