package io.github.shopsaga.notification;

/** The text of an e-mail: its subject line and plain-text body. */
record Email(String subject, String body) {}
