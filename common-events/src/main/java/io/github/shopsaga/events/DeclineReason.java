package io.github.shopsaga.events;

/** Why the payment provider refused to charge an order. */
public enum DeclineReason {
  INSUFFICIENT_FUNDS,
  UNKNOWN_CUSTOMER
}
