package io.github.shopsaga.payment;

/** Examples for the OpenAPI document, as clients see them on the wire. */
final class ApiExamples {

  private ApiExamples() {}

  static final String OPEN_ACCOUNT =
      """
      {"customerId":"alice","balance":100.00}""";

  static final String ACCOUNT =
      """
      {"customerId":"alice","balance":100.00}""";

  static final String PAYMENTS =
      """
      [{"paymentId":"3c9e7f2a-1b4d-4e6f-8a9b-0c1d2e3f4a5b",
        "orderId":"0b6f3c1e-6d2a-4c55-9a52-0f7f4d1b8e21","customerId":"alice","amount":25.00,
        "status":"CHARGED","reason":null,"createdAt":"2026-01-15T10:00:00.398Z",
        "updatedAt":"2026-01-15T10:00:00.398Z"}]""";

  static final String VALIDATION_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:validation","title":"Validation failed","status":400,
       "detail":"The request has 1 invalid field(s)","instance":"/api/accounts",
       "errors":[{"field":"balance","message":"numeric value out of bounds (<10 digits>.<2 digits> expected)"}]}""";

  static final String NOT_FOUND_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:not-found","title":"Not Found","status":404,
       "detail":"No account for customer 'zoe'","instance":"/api/accounts/zoe"}""";

  static final String CONFLICT_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:conflict","title":"Conflict","status":409,
       "detail":"An account for customer 'alice' exists already","instance":"/api/accounts"}""";
}
