package io.github.shopsaga.notification;

/** The outcomes of an order that the customer is told about; one e-mail each. */
enum NotificationType {
  ORDER_CONFIRMED,
  ORDER_REJECTED,
  ORDER_CANCELLED
}
