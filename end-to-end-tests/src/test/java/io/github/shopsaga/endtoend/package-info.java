/**
 * End-to-end tests of the order saga: the four services run as separate processes on one PostgreSQL
 * and one Kafka, and the tests talk to them only over HTTP, as a client would.
 */
package io.github.shopsaga.endtoend;
