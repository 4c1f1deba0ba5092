package io.github.shopsaga.order;

/** Where an order is in the saga; REJECTED and CANCELLED are final, CONFIRMED only cancellable. */
enum OrderStatus {
  /** Placed; stock not yet reserved. */
  PENDING,
  /** Stock reserved and priced; waiting for the payment. */
  AWAITING_PAYMENT,
  /** Reserved and paid. */
  CONFIRMED,
  /** Stock could not be reserved. */
  REJECTED,
  /** Cancelled after placement; whatever it held is released or refunded. */
  CANCELLED;

  /** Whether the saga still runs: the order waits for inventory or payment. */
  boolean isRunning() {
    return this == PENDING || this == AWAITING_PAYMENT;
  }
}
