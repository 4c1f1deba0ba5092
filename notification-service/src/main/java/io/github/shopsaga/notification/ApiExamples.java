package io.github.shopsaga.notification;

/** Examples for the OpenAPI document, as clients see them on the wire. */
final class ApiExamples {

  private ApiExamples() {}

  static final String NOTIFICATIONS =
      """
      [{"id":"7d2c9b1a-0e3f-4a5b-8c6d-1e2f3a4b5c6d",
        "orderId":"0b6f3c1e-6d2a-4c55-9a52-0f7f4d1b8e21","type":"ORDER_CONFIRMED",
        "recipient":"alice@example.com","subject":"Your order 0b6f3c1e is confirmed",
        "sentAt":"2026-01-15T10:00:00.812Z"}]""";
}
