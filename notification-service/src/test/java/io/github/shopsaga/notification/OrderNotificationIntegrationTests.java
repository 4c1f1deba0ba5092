package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderLine;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.RejectionReason;
import io.github.shopsaga.events.TimeOrderedIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderNotificationIntegrationTests extends IntegrationTestSupport {

  @Test
  void emailsTheConfirmationWithLinesAndTotal() throws Exception {
    UUID orderId = TimeOrderedIds.next();
    String customer = uniqueRecipient();

    send(confirmed(orderId, customer));

    var mail = awaitOneMailTo(customer);
    assertThat(recipientOf(mail)).isEqualTo(customer);
    assertThat(mail.getFrom()[0].toString()).isEqualTo("orders@shop-saga.example");
    assertThat(mail.getSubject())
        .isEqualTo("Your order " + TimeOrderedIds.shortForm(orderId) + " is confirmed");
    assertThat(bodyOf(mail))
        .contains(orderId.toString())
        .contains("MUG-1 × 2 @ 12.50 EUR")
        .contains("TEA-7 × 1 @ 6.00 EUR")
        .contains("Total: 31.00 EUR");
    assertThat(mail.getMessageID()).endsWith("@shop-saga>");
  }

  @Test
  void emailsTheRejectionWithTheReasonInWords() throws Exception {
    UUID orderId = UUID.randomUUID();
    String customer = uniqueRecipient();

    send(rejected(orderId, customer, RejectionReason.OUT_OF_STOCK));

    var mail = awaitOneMailTo(customer);
    assertThat(recipientOf(mail)).isEqualTo(customer);
    assertThat(mail.getSubject()).endsWith("could not be accepted");
    assertThat(bodyOf(mail))
        .contains(orderId.toString())
        .contains("because one or more items are out of stock")
        .contains("MUG-1 × 2");
  }

  @Test
  void emailsTheCancellationWithTheReasonInWordsAndTheRefund() throws Exception {
    UUID orderId = UUID.randomUUID();
    String customer = uniqueRecipient();

    send(cancelled(orderId, customer, CancellationReason.CUSTOMER_CANCELLED));

    var mail = awaitOneMailTo(customer);
    assertThat(recipientOf(mail)).isEqualTo(customer);
    assertThat(mail.getSubject()).endsWith("was cancelled");
    assertThat(bodyOf(mail))
        .contains(orderId.toString())
        .contains("because you cancelled it")
        .contains("Total: 25.00 EUR")
        .contains("refunded");
  }

  @Test
  void sendsOneEmailWhenTheSameEventIsDeliveredTwice() {
    UUID orderId = UUID.randomUUID();
    String customer = uniqueRecipient();
    OrderConfirmed event = confirmed(orderId, customer);

    send(event);
    send(event);

    awaitOneMailTo(customer);
    assertThat(notifications.findByOrderIdOrderByCreatedAt(orderId)).hasSize(1);
  }

  @Test
  void sendsOneEmailForTwoEventsAnnouncingTheSameOutcome() {
    UUID orderId = UUID.randomUUID();
    String customer = uniqueRecipient();

    send(confirmed(orderId, customer));
    send(confirmed(orderId, customer));

    awaitOneMailTo(customer);
    assertThat(notifications.findByOrderIdOrderByCreatedAt(orderId))
        .singleElement()
        .returns(NotificationType.ORDER_CONFIRMED, Notification::type);
  }

  @Test
  void sendsAnEmailPerOutcomeWhenAConfirmedOrderIsCancelled() {
    UUID orderId = UUID.randomUUID();
    String customer = uniqueRecipient();

    send(confirmed(orderId, customer));
    send(cancelled(orderId, customer, CancellationReason.CUSTOMER_CANCELLED));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(mailsTo(customer))
                    .extracting(mail -> mail.getSubject())
                    .containsExactlyInAnyOrder(
                        "Your order " + TimeOrderedIds.shortForm(orderId) + " is confirmed",
                        "Your order " + TimeOrderedIds.shortForm(orderId) + " was cancelled"));
  }

  @Test
  void reportsWhatTheCustomerWasToldThroughTheApi() {
    UUID orderId = UUID.randomUUID();
    String customer = uniqueRecipient();
    // An order placed and then confirmed: only the outcome is an e-mail.
    send(
        new OrderPlaced(
            UUID.randomUUID(),
            orderId,
            Instant.now(),
            "alice",
            customer,
            List.of(new OrderLine("MUG-1", 2))));
    send(confirmed(orderId, customer));
    awaitOneMailTo(customer);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var response = mvc.get().uri("/api/notifications?orderId={id}", orderId).exchange();
              assertThat(response).hasStatusOk();
              assertThat(response).bodyJson().extractingPath("$.length()").isEqualTo(1);
              assertThat(response)
                  .bodyJson()
                  .extractingPath("$[0]")
                  .asMap()
                  .containsEntry("orderId", orderId.toString())
                  .containsEntry("type", "ORDER_CONFIRMED")
                  .containsEntry("recipient", customer)
                  .containsKey("id")
                  .containsKey("subject")
                  .hasEntrySatisfying("sentAt", sentAt -> assertThat(sentAt).isNotNull());
            });
  }
}
