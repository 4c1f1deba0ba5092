package io.github.shopsaga.payment;

import static io.github.shopsaga.payment.ApiExamples.PAYMENTS;

import io.github.shopsaga.events.DeclineReason;
import io.github.shopsaga.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Payments")
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
  @Operation(
      summary = "An order's payments",
      description =
          """
          An array: empty until the order was charged or declined, else its one payment. \
          status: CHARGED, DECLINED (reason INSUFFICIENT_FUNDS or UNKNOWN_CUSTOMER) or REFUNDED \
          (a charged order that was cancelled).""")
  @ApiResponse(
      responseCode = "200",
      description = "The order's payments",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              examples = @ExampleObject(name = "charged", value = PAYMENTS)))
  @ApiResponse(responseCode = "400", description = "orderId missing or not a UUID")
  @GetMapping("/api/payments")
  List<PaymentResponse> byOrder(@RequestParam UUID orderId, Caller caller) {
    // Another customer's order has no payments to show, as an unknown one.
    return payments.findByOrderId(orderId).stream()
        .filter(payment -> caller.maySeeOf(payment.customerId()))
        .map(PaymentResponse::of)
        .toList();
  }
}
