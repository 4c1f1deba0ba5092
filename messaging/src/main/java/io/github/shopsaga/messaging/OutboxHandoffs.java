package io.github.shopsaga.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The outbox rows of this instance's transactions, handed to the publisher in memory so that it
 * sends them without reading them back.
 *
 * <p>A transaction joins the queue just before it commits, while it still holds the row locks of
 * what it changed: a later transaction on the same order joins behind it. The publisher takes the
 * queue from its head and stops at a transaction that has not finished committing, so the rows of
 * one order go out in the order of their commits. A transaction that rolled back leaves nothing to
 * send; one whose commit ended in doubt is dropped here and left to the publisher's sweep, which
 * finds its rows in the table if they are there.
 */
final class OutboxHandoffs {

  /** How a handed-off transaction ended. */
  enum Outcome {
    COMMITTED,
    ROLLED_BACK,
    UNKNOWN
  }

  /** One transaction's rows; its outcome is known once it completed. */
  static final class Handoff {

    private final List<OutboxPublisher.PendingRecord> rows;
    private volatile Outcome outcome;

    Handoff(List<OutboxPublisher.PendingRecord> rows) {
      this.rows = List.copyOf(rows);
    }

    void completed(Outcome outcome) {
      this.outcome = outcome;
    }
  }

  /**
   * The most rows the queue holds: beyond, while the publisher falls behind or cannot send,
   * transactions leave their rows to the sweep rather than fill the heap.
   */
  static final int CAPACITY = 20_000;

  private final ConcurrentLinkedQueue<Handoff> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedRows = new AtomicInteger();
  private volatile boolean open = true;

  /**
   * Adds a committing transaction's rows at the end of the queue; returns {@code null} if the queue
   * is closed or full, and the rows are left to the sweep.
   */
  Handoff join(List<OutboxPublisher.PendingRecord> rows) {
    if (!open || queuedRows.addAndGet(rows.size()) > CAPACITY) {
      if (open) {
        queuedRows.addAndGet(-rows.size());
      }
      return null;
    }
    Handoff handoff = new Handoff(rows);
    queue.add(handoff);
    return handoff;
  }

  /** Takes hand-offs again (after a round went through), or no more (while rounds fail). */
  void open(boolean open) {
    this.open = open;
    if (!open) {
      clear();
    }
  }

  /**
   * Takes the rows of committed transactions from the head of the queue, up to {@code limit} rows
   * (a transaction is never split), and stops at one still committing. Reports each transaction
   * whose commit ended in doubt to {@code inDoubt}.
   */
  List<OutboxPublisher.PendingRecord> takeCommitted(int limit, Consumer<Handoff> inDoubt) {
    List<OutboxPublisher.PendingRecord> rows = new ArrayList<>();
    for (Handoff head; (head = queue.peek()) != null; ) {
      Outcome outcome = head.outcome;
      if (outcome == null || (!rows.isEmpty() && rows.size() + head.rows.size() > limit)) {
        break;
      }
      queue.poll();
      queuedRows.addAndGet(-head.rows.size());
      switch (outcome) {
        case COMMITTED -> rows.addAll(head.rows);
        case ROLLED_BACK -> {}
        case UNKNOWN -> inDoubt.accept(head);
      }
    }
    return rows;
  }

  /** The ids of every row in the queue, committed or not: the sweep leaves them to the queue. */
  List<Long> queuedIds() {
    List<Long> ids = new ArrayList<>();
    for (Handoff handoff : queue) {
      handoff.rows.forEach(row -> ids.add(row.id()));
    }
    return ids;
  }

  /** Forgets the queue: the rows are in the table, for whichever publisher sends next. */
  void clear() {
    for (Handoff head; (head = queue.poll()) != null; ) {
      queuedRows.addAndGet(-head.rows.size());
    }
  }
}
