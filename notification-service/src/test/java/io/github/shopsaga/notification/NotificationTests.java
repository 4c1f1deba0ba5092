package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTests {

  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  private static final RetryPolicy RETRIES =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5);

  private final Notification notification =
      Notification.pending(
          UUID.randomUUID(),
          "alice",
          NotificationType.ORDER_CONFIRMED,
          "alice@example.com",
          new Email("Your order is confirmed", "Hello"),
          NOW);

  @Test
  void startsPendingAndDueAtOnce() {
    assertThat(notification.status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(notification.attempts()).isZero();
    assertThat(notification.nextAttemptAt()).isEqualTo(NOW);
    assertThat(notification.sentAt()).isNull();
  }

  @Test
  void isSentWhenTheServerAcceptsIt() {
    notification.claimUntil(NOW.plusSeconds(120));
    notification.markSent(NOW.plusSeconds(1));

    assertThat(notification.status()).isEqualTo(NotificationStatus.SENT);
    assertThat(notification.sentAt()).isEqualTo(NOW.plusSeconds(1));
  }

  @Test
  void isRetriedWithGrowingDelaysAfterTemporaryFailures() {
    notification.recordTemporaryFailure("connection refused", NOW, RETRIES);
    assertThat(notification.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));

    notification.recordTemporaryFailure("connection refused", NOW, RETRIES);
    assertThat(notification.nextAttemptAt()).isEqualTo(NOW.plusSeconds(2));

    notification.recordTemporaryFailure("connection refused", NOW, RETRIES);
    assertThat(notification.nextAttemptAt()).isEqualTo(NOW.plusSeconds(4));
    assertThat(notification.status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(notification.attempts()).isEqualTo(3);
    assertThat(notification.lastError()).isEqualTo("connection refused");
  }

  @Test
  void isGivenUpWhenTheAttemptsAreUsedUp() {
    for (int i = 0; i < 5; i++) {
      notification.recordTemporaryFailure("connection refused", NOW, RETRIES);
    }

    assertThat(notification.status()).isEqualTo(NotificationStatus.FAILED);
    assertThat(notification.attempts()).isEqualTo(5);
  }

  @Test
  void isGivenUpAtOnceOnAPermanentFailure() {
    notification.recordPermanentFailure("550 no such user");

    assertThat(notification.status()).isEqualTo(NotificationStatus.FAILED);
    assertThat(notification.lastError()).isEqualTo("550 no such user");
  }

  @Test
  void cannotBeSentTwice() {
    notification.markSent(NOW);

    assertThatIllegalStateException().isThrownBy(() -> notification.markSent(NOW));
  }

  @Test
  void keepsOneMessageIdForEveryAttempt() {
    assertThat(notification.messageId())
        .isEqualTo("<" + notification.id() + "@shop-saga>")
        .isEqualTo(notification.messageId());
  }

  @Test
  void retryDelayDoublesUpToTheCap() {
    assertThat(RETRIES.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RETRIES.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(RETRIES.delayAfter(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RETRIES.delayAfter(1000)).isEqualTo(Duration.ofSeconds(30));
  }
}
