package io.github.shopsaga.inventory;

import static io.github.shopsaga.inventory.ApiExamples.CONFLICT_PROBLEM;
import static io.github.shopsaga.inventory.ApiExamples.NEW_PRODUCT;
import static io.github.shopsaga.inventory.ApiExamples.NOT_FOUND_PROBLEM;
import static io.github.shopsaga.inventory.ApiExamples.PRODUCT;
import static io.github.shopsaga.inventory.ApiExamples.PRODUCT_PAGE;
import static io.github.shopsaga.inventory.ApiExamples.RESTOCK;
import static io.github.shopsaga.inventory.ApiExamples.VALIDATION_PROBLEM;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.shopsaga.web.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.MediaType;
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
@Tag(name = "Products")
class ProductController {

  /** A sku, checked before it is looked up or echoed into a problem's detail. */
  static final String SKU = "[A-Za-z0-9._-]{1,64}";

  static final String SKU_MESSAGE = "must be 1-64 of A-Z a-z 0-9 . _ -";

  static final int MAX_PAGE_SIZE = 100;

  private final ProductRepository products;
  private final Catalogue catalogue;

  ProductController(ProductRepository products, Catalogue catalogue) {
    this.products = products;
    this.catalogue = catalogue;
  }

  @Operation(
      summary = "Add a product",
      description =
          """
          sku: 1-64 of [A-Za-z0-9._-]; name: 1-200 characters; unitPrice: > 0 and <= 1,000,000 \
          with at most 2 decimals; stock: 0-1,000,000 (becomes `available`).""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples = @ExampleObject(name = "mug", value = NEW_PRODUCT))))
  @ApiResponse(
      responseCode = "201",
      description = "The product",
      headers = @Header(name = "Location", description = "/api/products/{sku}"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = ProductResponse.class),
              examples = @ExampleObject(name = "mug", value = PRODUCT)))
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON or invalid fields (listed in errors)",
      content =
          @Content(examples = @ExampleObject(name = "invalid fields", value = VALIDATION_PROBLEM)))
  @ApiResponse(
      responseCode = "409",
      description = "A product with this sku exists already",
      content =
          @Content(examples = @ExampleObject(name = "duplicate sku", value = CONFLICT_PROBLEM)))
  @PostMapping
  ResponseEntity<ProductResponse> add(@Valid @RequestBody NewProduct request) {
    Product product =
        catalogue.add(request.sku(), request.name(), request.unitPrice(), request.stock());
    return ResponseEntity.created(URI.create("/api/products/" + product.sku()))
        .body(ProductResponse.of(product));
  }

  @Operation(summary = "A product, with its price and stock")
  @SecurityRequirements // anyone may look: no token needed
  @ApiResponse(
      responseCode = "200",
      description = "The product",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = ProductResponse.class),
              examples = @ExampleObject(name = "mug", value = PRODUCT)))
  @ApiResponse(
      responseCode = "404",
      description = "No product with this sku",
      content =
          @Content(examples = @ExampleObject(name = "unknown sku", value = NOT_FOUND_PROBLEM)))
  @GetMapping("/{sku}")
  ProductResponse get(@PathVariable @Pattern(regexp = SKU, message = SKU_MESSAGE) String sku) {
    return products
        .findById(sku)
        .map(ProductResponse::of)
        .orElseThrow(() -> ApiProblems.notFound("No product with sku %s".formatted(sku)));
  }

  /**
   * A page of the catalogue, sorted by sku: {@code ?page=0&size=20} (size at most 100), answered as
   * {@code {"content":[...],"page":{"size","number","totalElements","totalPages"}}}.
   */
  @SecurityRequirements // anyone may look: no token needed
  @Operation(
      summary = "The catalogue, by sku",
      description =
          """
          Paged: `?page=0&size=20` (size at most 100; always sorted by sku), answered as \
          `{"content":[products],"page":{"size","number","totalElements","totalPages"}}`.""")
  @ApiResponse(
      responseCode = "200",
      description = "A page of products",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              examples = @ExampleObject(name = "one product", value = PRODUCT_PAGE)))
  @GetMapping
  Page<ProductResponse> list(@ParameterObject @PageableDefault(size = 20) Pageable pageable) {
    var bySku =
        PageRequest.of(
            pageable.getPageNumber(),
            Math.min(pageable.getPageSize(), MAX_PAGE_SIZE),
            Sort.by("sku"));
    return products.findAll(bySku).map(ProductResponse::of);
  }

  @Operation(
      summary = "Restock a product",
      description = "Raises `available` by `quantity` (1-1,000,000).",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples = @ExampleObject(name = "ten more", value = RESTOCK))))
  @ApiResponse(
      responseCode = "200",
      description = "The product with its new stock",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = ProductResponse.class),
              examples = @ExampleObject(name = "mug", value = PRODUCT)))
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON or invalid fields (listed in errors)",
      content =
          @Content(examples = @ExampleObject(name = "invalid fields", value = VALIDATION_PROBLEM)))
  @ApiResponse(
      responseCode = "404",
      description = "No product with this sku",
      content =
          @Content(examples = @ExampleObject(name = "unknown sku", value = NOT_FOUND_PROBLEM)))
  @ApiResponse(
      responseCode = "409",
      description = "The stock would grow beyond what can be counted")
  @PostMapping("/{sku}/restock")
  ProductResponse restock(
      @PathVariable @Pattern(regexp = SKU, message = SKU_MESSAGE) String sku,
      @Valid @RequestBody Restock request) {
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
