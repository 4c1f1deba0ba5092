package io.github.shopsaga.loadgen;

import java.time.Instant;

/**
 * Maps {@link System#nanoTime()} (for scheduling) to wall-clock microseconds (to compare with the
 * services' timestamps; containers on the same host share its clock).
 */
record TimeBase(long nanos, long wallMicros) {

  static TimeBase now() {
    return new TimeBase(System.nanoTime(), micros(Instant.now()));
  }

  long wallMicros(long nanoTime) {
    return wallMicros + (nanoTime - nanos) / 1000;
  }

  /** Whole seconds since the run started, for a wall-clock instant in microseconds. */
  long runSecond(long wallMicrosInstant) {
    return Math.floorDiv(wallMicrosInstant - wallMicros, 1_000_000L);
  }

  double runSeconds(long nanoTime) {
    return (nanoTime - nanos) / 1e9;
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
  }
}
