package io.github.shopsaga.payment;

/** Where a payment stands: charged, declined, or charged and given back. */
enum PaymentStatus {
  CHARGED,
  DECLINED,
  REFUNDED
}
