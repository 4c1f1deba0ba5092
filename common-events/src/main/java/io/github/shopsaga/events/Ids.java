package io.github.shopsaga.events;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * New ids for orders, events, payments and notifications: time-ordered UUIDs (version 7, RFC 9562),
 * a 48-bit Unix millisecond timestamp followed by 74 random bits.
 *
 * <p>Random (version 4) UUIDs scatter every insert over the whole of each index they are a key of
 * (the orders, the inbox of every service, the history, the reservations and payments), so each
 * batch dirties many pages and, after a checkpoint, writes each of them whole to the WAL once more.
 * Ids that grow with time land on the last pages. The random part comes from a {@link
 * SecureRandom}, as {@link UUID#randomUUID()}'s does, so ids stay unguessable; they do reveal when
 * they were made, to the millisecond, which the resources say anyway.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new time-ordered id. */
  public static UUID next() {
    return at(System.currentTimeMillis());
  }

  /** A new id made at the clock's current time. */
  public static UUID next(Clock clock) {
    return at(clock.millis());
  }

  static UUID at(long unixMillis) {
    long random = RANDOM.nextLong();
    long randA = RANDOM.nextInt() & 0xFFFL;
    long msb = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
    long lsb = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  /** When the id was made, for a version 7 id. */
  static long unixMillis(UUID id) {
    return id.getMostSignificantBits() >>> 16;
  }
}
