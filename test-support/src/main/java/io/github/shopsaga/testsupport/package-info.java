/**
 * Test infrastructure shared by every service: one PostgreSQL and one Kafka container per test JVM,
 * offered to Spring Boot as {@code @ServiceConnection} beans.
 */
package io.github.shopsaga.testsupport;
