package io.github.shopsaga.events;

/** Why inventory could not reserve an order's stock. */
public enum RejectionReason {
  OUT_OF_STOCK,
  UNKNOWN_PRODUCT
}
