package io.github.shopsaga.order;

/** Examples for the OpenAPI document, as clients see them on the wire. */
final class ApiExamples {

  private ApiExamples() {}

  static final String PLACE_ORDER =
      """
      {"customerId":"alice","customerEmail":"alice@example.com",
       "items":[{"sku":"MUG-1","quantity":2}]}""";

  static final String PENDING_ORDER =
      """
      {"id":"0b6f3c1e-6d2a-4c55-9a52-0f7f4d1b8e21","customerId":"alice",
       "customerEmail":"alice@example.com","status":"PENDING","failureReason":null,
       "items":[{"sku":"MUG-1","quantity":2,"unitPrice":null}],"total":null,"currency":"EUR",
       "createdAt":"2026-01-15T10:00:00.123456Z","updatedAt":"2026-01-15T10:00:00.123456Z"}""";

  static final String CONFIRMED_ORDER =
      """
      {"id":"0b6f3c1e-6d2a-4c55-9a52-0f7f4d1b8e21","customerId":"alice",
       "customerEmail":"alice@example.com","status":"CONFIRMED","failureReason":null,
       "items":[{"sku":"MUG-1","quantity":2,"unitPrice":12.50}],"total":25.00,"currency":"EUR",
       "createdAt":"2026-01-15T10:00:00.123456Z","updatedAt":"2026-01-15T10:00:00.412345Z"}""";

  static final String HISTORY =
      """
      [{"type":"OrderPlaced","occurredAt":"2026-01-15T10:00:00.123456Z",
        "eventId":"5d1f0c7e-2b1a-4f7e-9a3e-1c2b3d4e5f60","reason":null,"amount":null,"currency":null},
       {"type":"StockReserved","occurredAt":"2026-01-15T10:00:00.301Z",
        "eventId":"8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d","reason":null,"amount":25.00,"currency":"EUR"},
       {"type":"PaymentCharged","occurredAt":"2026-01-15T10:00:00.398Z",
        "eventId":"1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9","reason":null,"amount":25.00,"currency":"EUR"},
       {"type":"OrderConfirmed","occurredAt":"2026-01-15T10:00:00.412345Z",
        "eventId":"9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0","reason":null,"amount":25.00,"currency":"EUR"}]""";

  static final String VALIDATION_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:validation","title":"Validation failed","status":400,
       "detail":"The request has 2 invalid field(s)","instance":"/api/orders",
       "errors":[{"field":"customerEmail","message":"must be a well-formed email address"},
                 {"field":"items[0].quantity","message":"must be less than or equal to 1000"}]}""";

  static final String NOT_FOUND_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:not-found","title":"Not Found","status":404,
       "detail":"Order 0b6f3c1e-6d2a-4c55-9a52-0f7f4d1b8e21 does not exist",
       "instance":"/api/orders/0b6f3c1e-6d2a-4c55-9a52-0f7f4d1b8e21"}""";

  static final String CONFLICT_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:conflict","title":"Conflict","status":409,
       "detail":"Order 0b6f3c1e-6d2a-4c55-9a52-0f7f4d1b8e21 is REJECTED and can no longer be cancelled",
       "instance":"/api/orders/0b6f3c1e-6d2a-4c55-9a52-0f7f4d1b8e21/cancel"}""";

  static final String UNPROCESSABLE_PROBLEM =
      """
      {"type":"urn:shop-saga:problem:unprocessable","title":"Unprocessable Content","status":422,
       "detail":"This Idempotency-Key was already used for a different request",
       "instance":"/api/orders"}""";
}
