package io.github.shopsaga.order;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes each committed change of an order to the clients following its customer, as server-sent
 * events: a client learns the outcome of its orders without asking for each one again and again.
 *
 * <p>Every subscriber has a bounded queue and a virtual thread of its own that writes to it, so a
 * slow client never holds up the saga: the thread that committed the change only queues it, and the
 * writer sends whatever has queued up in one write. A client that falls a whole queue behind is
 * disconnected; on reconnecting with {@code Last-Event-ID} it is sent again what changed since (see
 * {@link OrderQueries#changedSince}).
 *
 * <p>The changes this instance commits are pushed from memory once they commit; those that other
 * order-service instances commit arrive through {@link OrderChangeFeed}.
 */
@Component
class OrderUpdates {

  private static final Logger log = LoggerFactory.getLogger(OrderUpdates.class);

  /** How long a stream stays open; clients reconnect with Last-Event-ID. */
  static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

  /** Changes queued for one subscriber before it counts as too slow and is disconnected. */
  static final int QUEUE_CAPACITY = 256;

  /** The most changes written to one stream in one write (and one flush). */
  static final int WRITE_BATCH = 100;

  /** How far before Last-Event-ID a catch-up starts: longer than any transaction takes. */
  static final Duration CATCH_UP_MARGIN = Duration.ofSeconds(10);

  private final Map<String, Set<Subscriber>> byCustomer = new ConcurrentHashMap<>();

  /**
   * Opens a stream of the customer's order changes, starting with {@code catchUp}: the changes that
   * leave an order in one of {@code statuses}.
   */
  SseEmitter subscribe(String customerId, Set<OrderStatus> statuses, List<OrderResponse> catchUp) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    Subscriber subscriber = new Subscriber(customerId, statuses, emitter);
    Set<Subscriber> subscribers =
        byCustomer.computeIfAbsent(customerId, _ -> ConcurrentHashMap.newKeySet());
    subscribers.add(subscriber);
    Runnable unsubscribe = () -> remove(subscriber);
    emitter.onCompletion(unsubscribe);
    emitter.onTimeout(unsubscribe);
    emitter.onError(_ -> unsubscribe.run());
    // A comment first: the response and its headers go out at once, so the client knows that it
    // is following from now on, even if nothing changes for a while.
    subscriber.heartbeat();
    catchUp.forEach(subscriber::offer);
    subscriber.start();
    return emitter;
  }

  /**
   * The order changed in the current transaction: its followers are told once it commits (at once
   * if there is no transaction).
   */
  void changed(Order order) {
    if (byCustomer.isEmpty()) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              committed(List.of(order));
            }
          });
    } else {
      committed(List.of(order));
    }
  }

  /** The orders changed and the change committed: tell whoever follows their customers. */
  void committed(Collection<Order> orders) {
    if (byCustomer.isEmpty()) {
      return;
    }
    for (Order order : orders) {
      if (follows(order.customerId())) {
        push(OrderResponse.of(order));
      }
    }
  }

  /** Orders that another instance changed, as they are now: tell whoever follows them here. */
  void changedElsewhere(Collection<OrderResponse> orders) {
    orders.forEach(this::push);
  }

  /** Whether a client follows the customer's orders here. */
  boolean follows(String customerId) {
    Set<Subscriber> subscribers = byCustomer.get(customerId);
    return subscribers != null && !subscribers.isEmpty();
  }

  /**
   * Ends every stream, so that clients reconnect and catch up from their Last-Event-ID: changes may
   * have been missed.
   */
  void endAllStreams() {
    byCustomer.values().forEach(subscribers -> subscribers.forEach(Subscriber::end));
  }

  private void push(OrderResponse order) {
    Set<Subscriber> subscribers = byCustomer.get(order.customerId());
    if (subscribers != null) {
      subscribers.forEach(subscriber -> subscriber.offer(order));
    }
  }

  /** A comment now and then: a stream whose client is gone fails to write and is closed. */
  @Scheduled(fixedDelay = 15_000, initialDelay = 15_000)
  void heartbeat() {
    byCustomer.values().forEach(subscribers -> subscribers.forEach(Subscriber::heartbeat));
  }

  int subscribers() {
    return byCustomer.values().stream().mapToInt(Set::size).sum();
  }

  private void remove(Subscriber subscriber) {
    subscriber.stop();
    byCustomer.computeIfPresent(
        subscriber.customerId,
        (_, subscribers) -> {
          subscribers.remove(subscriber);
          return subscribers.isEmpty() ? null : subscribers;
        });
  }

  /** One open stream: its queue of changes and the virtual thread that writes them. */
  private final class Subscriber {

    private final String customerId;
    private final Set<OrderStatus> statuses;
    private final SseEmitter emitter;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile Thread writer;

    Subscriber(String customerId, Set<OrderStatus> statuses, SseEmitter emitter) {
      this.customerId = customerId;
      this.statuses = statuses;
      this.emitter = emitter;
    }

    void start() {
      writer = Thread.ofVirtual().name("order-updates-" + customerId).start(this::write);
    }

    void stop() {
      Thread current = writer;
      if (current != null) {
        current.interrupt();
      }
    }

    void offer(OrderResponse order) {
      if (!statuses.contains(order.status())) {
        return;
      }
      if (!queue.offer(order)) {
        log.info(
            "A follower of {} fell {} changes behind: disconnected", customerId, QUEUE_CAPACITY);
        emitter.complete();
      }
    }

    void heartbeat() {
      queue.offer(Heartbeat.INSTANCE);
    }

    void end() {
      emitter.complete();
    }

    /** Writes what is queued, as many changes as have queued up in one write and one flush. */
    private void write() {
      List<Object> next = new ArrayList<>();
      try {
        while (!Thread.currentThread().isInterrupted()) {
          next.add(queue.take());
          queue.drainTo(next, WRITE_BATCH - 1);
          Set<ResponseBodyEmitter.DataWithMediaType> items = new LinkedHashSet<>();
          for (Object change : next) {
            items.addAll(event(change).build());
          }
          emitter.send(items);
          next.clear();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | IllegalStateException e) {
        // The client went away or the stream ended: onCompletion/onError unsubscribe it.
        emitter.completeWithError(e);
      }
    }
  }

  private static SseEmitter.SseEventBuilder event(Object change) {
    return change instanceof OrderResponse order
        ? SseEmitter.event()
            .id(eventId(order.updatedAt()))
            .name("order")
            .data(order, MediaType.APPLICATION_JSON)
        : SseEmitter.event().comment("heartbeat");
  }

  /** The event id: when the order changed, which a reconnecting client sends as Last-Event-ID. */
  static String eventId(Instant updatedAt) {
    return updatedAt.toString();
  }

  /**
   * Where a reconnecting client's catch-up starts: a little before its Last-Event-ID, because
   * changes commit in a different order than their times say (clients keep the latest {@code
   * updatedAt} per order, so a change sent twice is harmless).
   */
  static Instant catchUpFrom(Instant lastEventId) {
    return lastEventId.minus(CATCH_UP_MARGIN);
  }

  private enum Heartbeat {
    INSTANCE
  }
}
