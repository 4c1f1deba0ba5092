/**
 * The saga's event catalogue: what each service announces on its Kafka topic.
 *
 * <p>One sealed interface per publishing service owns its topic; the events are records serialized
 * as JSON with a logical {@code type} name. Evolve additively: add fields and events, never rename.
 */
package io.github.shopsaga.events;
