package io.github.shopsaga.events;

/** Why an order was cancelled after it had been placed. */
public enum CancellationReason {
  PAYMENT_DECLINED,
  CUSTOMER_CANCELLED,
  TIMED_OUT
}
