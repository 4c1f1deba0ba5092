package io.github.shopsaga.inventory;

/** Examples for the OpenAPI document, as clients see them on the wire. */
final class ApiExamples {

  private ApiExamples() {}

  static final String NEW_PRODUCT =
      """
      {"sku":"MUG-1","name":"Mug","unitPrice":12.50,"stock":100}""";

  static final String RESTOCK =
      """
      {"quantity":10}""";

  static final String PRODUCT =
      """
      {"sku":"MUG-1","name":"Mug","unitPrice":12.50,"available":100,"reserved":0}""";

  static final String PRODUCT_PAGE =
      """
      {"content":[{"sku":"MUG-1","name":"Mug","unitPrice":12.50,"available":98,"reserved":2}],
       "page":{"size":20,"number":0,"totalElements":1,"totalPages":1}}""";

  static final String VALIDATION_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:validation","title":"Validation failed","status":400,
       "detail":"The request has 1 invalid field(s)","instance":"/api/products",
       "errors":[{"field":"unitPrice","message":"must be greater than 0"}]}""";

  static final String NOT_FOUND_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:not-found","title":"Not Found","status":404,
       "detail":"No product with sku MUG-9","instance":"/api/products/MUG-9"}""";

  static final String CONFLICT_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:conflict","title":"Conflict","status":409,
       "detail":"A product with sku MUG-1 exists already","instance":"/api/products"}""";
}
