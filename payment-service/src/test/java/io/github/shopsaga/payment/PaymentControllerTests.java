package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.shopsaga.events.Money;
import io.github.shopsaga.web.WebSupportAutoConfiguration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(PaymentController.class)
@ImportAutoConfiguration(WebSupportAutoConfiguration.class)
class PaymentControllerTests {

  @Autowired private MockMvcTester mvc;

  @MockitoBean private PaymentRepository payments;

  @Test
  void listsTheOrdersPayment() {
    UUID orderId = UUID.fromString("6f1c2a7e-3b9d-4c11-9e8f-2a4b5c6d7e80");
    Payment payment =
        Payment.settle(
            orderId,
            "bob",
            Money.of("31.00", "EUR"),
            Debit.BALANCE_TOO_LOW,
            Instant.parse("2026-11-23T10:15:30.123Z"));
    given(payments.findByOrderId(orderId)).willReturn(Optional.of(payment));

    assertThat(mvc.get().uri("/api/payments?orderId={id}", orderId))
        .hasStatusOk()
        .bodyJson()
        .isStrictlyEqualTo(
            """
            [{"paymentId":"%s","orderId":"%s","customerId":"bob","amount":31.00,
              "status":"DECLINED","reason":"INSUFFICIENT_FUNDS",
              "createdAt":"2026-11-23T10:15:30.123Z","updatedAt":"2026-11-23T10:15:30.123Z"}]
            """
                .formatted(payment.getId(), orderId));
  }

  @Test
  void showsTheReasonAsNullForACharge() {
    UUID orderId = UUID.randomUUID();
    Payment payment =
        Payment.settle(orderId, "alice", Money.of("5.00", "EUR"), Debit.TAKEN, Instant.now());
    given(payments.findByOrderId(orderId)).willReturn(Optional.of(payment));

    assertThat(mvc.get().uri("/api/payments?orderId={id}", orderId))
        .hasStatusOk()
        .bodyJson()
        .isLenientlyEqualTo("[{\"status\":\"CHARGED\",\"reason\":null}]");
  }

  @Test
  void listsNothingForAnOrderWithoutPayment() {
    given(payments.findByOrderId(any())).willReturn(Optional.empty());

    assertThat(mvc.get().uri("/api/payments?orderId={id}", UUID.randomUUID()))
        .hasStatusOk()
        .bodyJson()
        .isStrictlyEqualTo("[]");
  }

  @Test
  void rejectsAMissingOrderId() {
    assertThat(mvc.get().uri("/api/payments"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    verify(payments, never()).findByOrderId(any());
  }

  @Test
  void rejectsAnOrderIdThatIsNotAUuid() {
    assertThat(mvc.get().uri("/api/payments?orderId=42"))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .extractingPath("$.detail")
        .isNotNull();
    verify(payments, never()).findByOrderId(any());
  }
}
