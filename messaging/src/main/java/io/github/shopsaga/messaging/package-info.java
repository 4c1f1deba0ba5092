/**
 * Messaging shared by the services: the transactional outbox, the idempotent inbox and Kafka error
 * handling with dead-letter topics, auto-configured for any service that has it on the classpath.
 */
package io.github.shopsaga.messaging;
