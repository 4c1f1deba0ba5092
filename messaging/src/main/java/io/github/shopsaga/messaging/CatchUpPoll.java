package io.github.shopsaga.messaging;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer that, when a poll finds it behind, polls once more for what arrived while it was busy,
 * so that a listener's batch holds it now rather than a cycle later.
 *
 * <p><b>Why.</b> A Kafka consumer sends its next fetch when {@code poll} returns, and reads the
 * answer at the following {@code poll}. The broker answers a fetch as soon as it has a record for
 * it, so under load the answer holds only what had arrived by the time the batch began; whatever
 * arrives while the listener applies the batch waits for the fetch sent at the next poll, and is
 * handed over one poll after that. A record thus waits one and a half listener cycles on average
 * instead of half of one, at every hop of the saga.
 *
 * <p><b>What.</b> When a poll returns more than one record (the consumer has been busy, and more
 * are likely waiting at the broker), this polls again at once, waiting at most {@code wait} for the
 * fetch the first poll sent, and returns both polls' records as one batch, each partition's in
 * order. A batch may then hold up to twice {@code max.poll.records}. A lone record, the usual case
 * at low load, is returned as it is, without the wait.
 *
 * <p><b>Failures.</b> Anything the second poll throws (a wakeup, an interrupt, an error) is kept
 * and thrown by the next poll, after the first poll's records have been handed over: they are past
 * the consumer's position, and dropping them with the exception would lose them. Records of
 * partitions that a rebalance during the second poll took away are dropped, as the consumer itself
 * drops fetched records of revoked partitions; their new owner reads them from the committed
 * offset.
 */
final class CatchUpPoll implements InvocationHandler {

  private final Consumer<?, ?> consumer;
  private final Duration wait;
  private RuntimeException deferred;

  private CatchUpPoll(Consumer<?, ?> consumer, Duration wait) {
    this.consumer = consumer;
    this.wait = wait;
  }

  /** {@code consumer} with the catch-up poll; as it is when {@code wait} is zero. */
  @SuppressWarnings("unchecked")
  static <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer, Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return consumer;
    }
    return (Consumer<K, V>)
        Proxy.newProxyInstance(
            CatchUpPoll.class.getClassLoader(),
            new Class<?>[] {Consumer.class},
            new CatchUpPoll(consumer, wait));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("poll")
        && args != null
        && args.length == 1
        && args[0] instanceof Duration timeout) {
      return poll(timeout);
    }
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "CatchUpPoll[" + consumer + "]";
      };
    }
    try {
      return method.invoke(consumer, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private ConsumerRecords<?, ?> poll(Duration timeout) {
    if (deferred != null) {
      RuntimeException failure = deferred;
      deferred = null;
      throw failure;
    }
    ConsumerRecords<?, ?> first = consumer.poll(timeout);
    if (first.count() < 2) {
      return first;
    }
    ConsumerRecords<?, ?> more;
    try {
      more = consumer.poll(wait);
    } catch (RuntimeException e) {
      deferred = e;
      return first;
    }
    return more.isEmpty() ? first : merge(first, more, consumer.assignment());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ConsumerRecords<?, ?> merge(
      ConsumerRecords<?, ?> first, ConsumerRecords<?, ?> more, Set<TopicPartition> assigned) {
    Map<TopicPartition, List<ConsumerRecord>> records = new LinkedHashMap<>();
    Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>(first.nextOffsets());
    for (ConsumerRecords<?, ?> poll : List.of(first, more)) {
      for (TopicPartition partition : poll.partitions()) {
        records.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(poll.records(partition));
      }
    }
    nextOffsets.putAll(more.nextOffsets());
    records.keySet().retainAll(assigned);
    nextOffsets.keySet().retainAll(assigned);
    return new ConsumerRecords(records, nextOffsets);
  }
}
