package io.github.shopsaga.notification;

import java.time.Duration;

/**
 * How long an e-mail waits after a failed attempt: {@code firstDelay}, doubled after each further
 * failure up to {@code maxDelay}, and given up after {@code maxAttempts}.
 */
record RetryPolicy(Duration firstDelay, Duration maxDelay, int maxAttempts) {

  static RetryPolicy of(NotificationSettings settings) {
    return new RetryPolicy(
        settings.firstRetryDelay(), settings.maxRetryDelay(), settings.maxAttempts());
  }

  /** The delay after the given number of failed attempts (1 for the first failure). */
  Duration delayAfter(int failedAttempts) {
    int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
    Duration delay = firstDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  boolean exhaustedAfter(int failedAttempts) {
    return failedAttempts >= maxAttempts;
  }
}
