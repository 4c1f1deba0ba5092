package io.github.shopsaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatchUpPollTests {

  private static final Duration WAIT = Duration.ofMillis(2);
  private static final TopicPartition P0 = new TopicPartition("order-events", 0);
  private static final TopicPartition P1 = new TopicPartition("order-events", 1);

  private final MockConsumer<String, String> broker = new MockConsumer<>("earliest");
  private final Consumer<String, String> consumer = CatchUpPoll.wrap(broker, WAIT);
  private long nextOffset0;
  private long nextOffset1;

  @BeforeEach
  void assign() {
    broker.assign(List.of(P0, P1));
    broker.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
  }

  @Test
  void handsOverWhatArrivedWhileTheListenerWasBusyInTheSameBatchInPartitionOrder() {
    arrive(P0, "a");
    arrive(P0, "b");
    broker.scheduleNopPollTask();
    broker.schedulePollTask(
        () -> {
          arrive(P0, "c");
          arrive(P1, "d");
        });

    ConsumerRecords<String, String> batch = consumer.poll(Duration.ofSeconds(1));

    assertThat(values(batch.records(P0))).containsExactly("a", "b", "c");
    assertThat(values(batch.records(P1))).containsExactly("d");
    assertThat(batch.nextOffsets().get(P0).offset()).isEqualTo(3);
    assertThat(batch.nextOffsets().get(P1).offset()).isEqualTo(1);
    assertThat(broker.lastPollTimeout()).isEqualTo(WAIT);
  }

  @Test
  void handsOverALoneRecordAtOnceWithoutASecondPoll() {
    arrive(P0, "a");
    broker.scheduleNopPollTask();
    broker.schedulePollTask(() -> arrive(P0, "b"));

    assertThat(values(consumer.poll(Duration.ofSeconds(1)))).containsExactly("a");
    assertThat(broker.lastPollTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(values(consumer.poll(Duration.ofSeconds(1)))).containsExactly("b");
  }

  @Test
  void handsOverTheFirstPollsRecordsWhenTheSecondIsWokenUpAndWakesTheNextPollInstead() {
    arrive(P0, "a");
    arrive(P1, "b");
    broker.scheduleNopPollTask();
    broker.schedulePollTask(broker::wakeup);

    assertThat(values(consumer.poll(Duration.ofSeconds(1)))).containsExactlyInAnyOrder("a", "b");
    assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(1)))
        .isInstanceOf(WakeupException.class);
    arrive(P0, "c");
    assertThat(values(consumer.poll(Duration.ofSeconds(1)))).containsExactly("c");
  }

  @Test
  void dropsTheRecordsOfAPartitionARebalanceTookAwayDuringTheSecondPoll() {
    arrive(P0, "a");
    arrive(P1, "b");
    broker.scheduleNopPollTask();
    broker.schedulePollTask(
        () -> {
          broker.assign(List.of(P1));
          arrive(P1, "c");
        });

    ConsumerRecords<String, String> batch = consumer.poll(Duration.ofSeconds(1));

    assertThat(batch.partitions()).containsExactly(P1);
    assertThat(values(batch)).containsExactly("b", "c");
    assertThat(batch.nextOffsets()).containsOnlyKeys(P1);
  }

  @Test
  void leavesTheConsumerAsItIsWithoutAWait() {
    assertThat(CatchUpPoll.wrap(broker, Duration.ZERO)).isSameAs(broker);
  }

  private void arrive(TopicPartition partition, String value) {
    long offset = partition.equals(P0) ? nextOffset0++ : nextOffset1++;
    broker.addRecord(
        new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "key", value));
  }

  private static List<String> values(Iterable<ConsumerRecord<String, String>> records) {
    return StreamSupport.stream(records.spliterator(), false).map(ConsumerRecord::value).toList();
  }
}
