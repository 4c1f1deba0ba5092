package io.github.shopsaga.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * Ids of new events: time-ordered UUIDs (version 7: milliseconds since the epoch, then random
 * bits), increasing within a process.
 *
 * <p>Every consumer inserts each event's id into its inbox's primary key. Random ids land on any
 * page of that index, so once the index outgrows the database's memory, inserts and duplicate
 * checks read its pages from the disk; time-ordered ids land at its right edge, whose few pages
 * stay in memory however large the table grows.
 */
public final class EventIds {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private EventIds() {}

  /** A new event id, greater than any this process made before. */
  public static UUID next() {
    return GENERATOR.generate();
  }
}
