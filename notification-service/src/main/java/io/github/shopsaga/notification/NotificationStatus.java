package io.github.shopsaga.notification;

/** Where an e-mail stands: waiting to be (re)sent, accepted by the SMTP server, or given up. */
enum NotificationStatus {
  PENDING,
  SENT,
  FAILED
}
