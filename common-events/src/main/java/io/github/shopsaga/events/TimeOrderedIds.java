package io.github.shopsaga.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;
import java.util.UUID;

/**
 * Ids of new orders, payments and e-mails: time-ordered UUIDs (version 7: milliseconds since the
 * epoch, then 74 random bits drawn afresh for every id).
 *
 * <p>Each is a primary key, and an order's id is also the key of its lines, its history, its
 * reservation, its payment and its e-mails in every service. Random ids land on any page of those
 * indexes, so the pages a busy suite writes are spread over all of them and are read back from the
 * disk once the indexes outgrow the memory; time-ordered ids land at the indexes' right edges.
 * Unlike {@link EventIds}, ids made within one millisecond are not in the order they were made:
 * their random bits are all new, so that the last digits of an id ({@link #shortForm}) tell two
 * orders apart whenever they were placed.
 */
public final class TimeOrderedIds {

  private static final TimeBasedEpochRandomGenerator GENERATOR =
      Generators.timeBasedEpochRandomGenerator();

  private TimeOrderedIds() {}

  /** A new id, made in this millisecond. */
  public static UUID next() {
    return GENERATOR.generate();
  }

  /**
   * The last eight hex digits of an id: how an e-mail's subject or a list names an order to a
   * person. They are random bits for these ids and for random (version 4) ones alike, whereas the
   * first eight of a time-ordered id are the same for every id of about a minute.
   */
  public static String shortForm(UUID id) {
    String text = id.toString();
    return text.substring(text.length() - 8);
  }
}
