package io.github.shopsaga.order;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.RejectionReason;

/** Why an order ended REJECTED (the first two) or CANCELLED (the others). */
enum FailureReason {
  OUT_OF_STOCK,
  UNKNOWN_PRODUCT,
  PAYMENT_DECLINED,
  CUSTOMER_CANCELLED,
  TIMED_OUT;

  static FailureReason of(RejectionReason reason) {
    return switch (reason) {
      case OUT_OF_STOCK -> OUT_OF_STOCK;
      case UNKNOWN_PRODUCT -> UNKNOWN_PRODUCT;
    };
  }

  static FailureReason of(CancellationReason reason) {
    return switch (reason) {
      case PAYMENT_DECLINED -> PAYMENT_DECLINED;
      case CUSTOMER_CANCELLED -> CUSTOMER_CANCELLED;
      case TIMED_OUT -> TIMED_OUT;
    };
  }
}
