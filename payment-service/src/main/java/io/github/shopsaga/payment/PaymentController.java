package io.github.shopsaga.payment;

import io.github.shopsaga.events.DeclineReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentController {

  private final PaymentRepository payments;

  PaymentController(PaymentRepository payments) {
    this.payments = payments;
  }

  record PaymentResponse(
      UUID paymentId,
      UUID orderId,
      String customerId,
      BigDecimal amount,
      PaymentStatus status,
      DeclineReason reason,
      Instant createdAt,
      Instant updatedAt) {

    static PaymentResponse of(Payment payment) {
      return new PaymentResponse(
          payment.getId(),
          payment.orderId(),
          payment.customerId(),
          payment.money().amount(),
          payment.status(),
          payment.reason(),
          payment.createdAt(),
          payment.updatedAt());
    }
  }

  /** The order's payments: none yet, or its one payment (an array, so the contract can grow). */
  @GetMapping("/api/payments")
  List<PaymentResponse> byOrder(@RequestParam UUID orderId) {
    return payments.findByOrderId(orderId).map(PaymentResponse::of).stream().toList();
  }
}
