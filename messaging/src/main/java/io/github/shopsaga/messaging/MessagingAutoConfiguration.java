package io.github.shopsaga.messaging;

import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wires the outbox, the inbox and Kafka for events: records are keyed by order id, values are the
 * events' JSON, listeners receive {@link SagaEvent}s, and a record that cannot be read or keeps
 * failing goes to its topic's dead-letter topic after bounded retries instead of blocking the
 * partition.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingSettings.class)
@EnableScheduling
public class MessagingAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

  private static final Duration OFFSET_COMMIT_INTERVAL = Duration.ofSeconds(1);

  @Bean
  OutboxPublisher outboxPublisher(
      DataSource dataSource,
      JdbcClient jdbc,
      KafkaTemplate<Object, Object> kafka,
      MessagingSettings settings,
      ObjectProvider<MeterRegistry> meters) {
    return new OutboxPublisher(
        dataSource, jdbc, kafka, settings, meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  Outbox outbox(
      JdbcClient jdbc, OutboxPublisher publisher, ObjectProvider<TraceHeaders> traceHeaders) {
    return new Outbox(jdbc, publisher, traceHeaders.getIfAvailable(() -> TraceHeaders.NONE));
  }

  /** Trace headers for the outbox, where Micrometer Tracing and a tracer are present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Tracer.class)
  static class TracingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceHeaders micrometerTraceHeaders(
        ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
      Tracer currentTracer = tracer.getIfAvailable();
      Propagator currentPropagator = propagator.getIfAvailable();
      return currentTracer == null || currentPropagator == null
          ? TraceHeaders.NONE
          : TraceHeaders.micrometer(currentTracer, currentPropagator);
    }
  }

  /**
   * The inbox runs its batches in plain JDBC transactions of its own, whatever the service's main
   * transaction manager is: handlers read and write with {@link JdbcClient}, and a JPA transaction
   * would open an entity manager for every batch that nothing uses.
   */
  @Bean
  Inbox inbox(
      DataSource dataSource,
      JdbcClient jdbc,
      Outbox outbox,
      ObjectProvider<TraceHeaders> traceHeaders) {
    return new Inbox(
        jdbc,
        new TransactionTemplate(new JdbcTransactionManager(dataSource)),
        outbox,
        traceHeaders.getIfAvailable(() -> TraceHeaders.NONE));
  }

  @Bean
  InboxJanitor inboxJanitor(Inbox inbox, MessagingSettings settings) {
    return new InboxJanitor(inbox, settings);
  }

  /**
   * Keys are order ids; values are the outbox's JSON text, the raw bytes of a record that could not
   * be read (to its dead-letter topic) or an event (a record that failed processing, also to its
   * dead-letter topic). Delivery is idempotent and fully acknowledged; failures surface within
   * seconds so the outbox can retry, instead of hanging for the client's two-minute default.
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer sagaEventProducer() {
    Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
    byType.put(byte[].class, new ByteArraySerializer());
    byType.put(String.class, new StringSerializer());
    byType.put(
        SagaEvent.class, new JacksonJsonSerializer<SagaEvent>(EventJson.mapper()).noTypeInfo());
    return anyFactory -> {
      @SuppressWarnings("unchecked")
      var factory = (DefaultKafkaProducerFactory<String, Object>) anyFactory;
      factory.setKeySerializer(new StringSerializer());
      factory.setValueSerializer(new DelegatingByTypeSerializer(byType, true));
      Map<String, Object> defaults = new LinkedHashMap<>();
      defaults.put(ProducerConfig.ACKS_CONFIG, "all");
      defaults.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      // The outbox publisher flushes each round, so its records never wait for the linger; the
      // window only gathers the other sends (dead letters) into fewer requests.
      defaults.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
      defaults.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
      defaults.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
      defaults.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
      defaults.keySet().removeAll(factory.getConfigurationProperties().keySet());
      factory.updateConfigs(defaults);
    };
  }

  /**
   * Listeners receive events, a poll's worth at a time ({@link Inbox#processAll}); a record that is
   * not a known event arrives without a value and goes to the dead-letter topic.
   */
  @Bean
  DefaultKafkaConsumerFactoryCustomizer sagaEventConsumer(MessagingSettings settings) {
    return anyFactory -> {
      @SuppressWarnings("unchecked")
      var factory = (DefaultKafkaConsumerFactory<String, SagaEvent>) anyFactory;
      factory.setKeyDeserializer(new StringDeserializer());
      factory.setValueDeserializer(
          new ErrorHandlingDeserializer<>(
              new JacksonJsonDeserializer<>(SagaEvent.class, EventJson.mapper(), false)));
      Map<String, Object> defaults = new LinkedHashMap<>();
      // A new consumer group must not skip the events published before it first joined.
      defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      // Listeners take a poll as one batch in one transaction with a constant number of set-based
      // statements, so a bigger poll is cheaper per event; 500 keeps a batch's transaction (and its
      // row locks) within tens of milliseconds (a catch-up poll may add as many again). A poll
      // takes what has arrived, so at low load a batch is an event or two and nothing waits for it
      // to fill.
      defaults.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
      // How long a member may go silent before the group hands its partitions to another: a
      // crashed instance stalls its partitions this long (Kafka's default is 45 s, which turned
      // sagas in flight into TIMED_OUT). 6 s is the least a broker accepts by default
      // (group.min.session.timeout.ms). Heartbeats come from a thread of their own, so a long
      // batch does not count; only a process frozen for 6 s (or cut off) is taken for dead.
      // Measured with two of every service, one of each killed for good under 50 orders/s
      // (bench/scale-drill.sh): longest saga 7.1 s with 6 s, 13.5 s with 10 s.
      defaults.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
      defaults.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
      // A service that consumes two topics keyed by order id, with the same partition count, gets
      // partition n of both on the same consumer: the events of one order meet in one batch.
      defaults.put(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
      defaults.keySet().removeAll(factory.getConfigurationProperties().keySet());
      factory.updateConfigs(defaults);
      // Under load, a second poll takes what arrived while the previous batch was applied, which
      // the fetch pipelined by the first poll would only hand over a cycle later.
      factory.addPostProcessor(consumer -> CatchUpPoll.wrap(consumer, settings.catchUpPoll()));
    };
  }

  /**
   * How the listener containers run.
   *
   * <p><b>Offsets once a second.</b> Listeners commit their offsets once a second ({@link
   * AckMode#TIME}) rather than after every poll, where a poll of a record or two would cost a
   * synchronous round trip to the broker and a write to its offsets topic each. The inbox makes
   * this safe: the records redelivered after a crash (at most a second's worth) are recognised and
   * skipped; a rebalance or a stop commits what was processed first. {@code
   * spring.kafka.listener.ack-mode}, where set, takes precedence.
   *
   * <p><b>A platform thread per consumer.</b> With virtual threads enabled, Spring Boot runs the
   * consumers on virtual threads too. A consumer is one long-lived thread that does nothing but
   * block on the broker and the database, one round trip after another, so a virtual thread saves
   * nothing there and costs a hand-off at every round trip: the virtual-thread poller wakes up,
   * then a carrier thread. Requests keep their virtual threads.
   */
  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      sagaListenerContainers(KafkaProperties kafka) {
    return container -> {
      if (kafka.getListener().getAckMode() == null) {
        container.getContainerProperties().setAckMode(AckMode.TIME);
        container.getContainerProperties().setAckTime(OFFSET_COMMIT_INTERVAL.toMillis());
      }
      container
          .getContainerProperties()
          .setListenerTaskExecutor(new SimpleAsyncTaskExecutor(container.getListenerId() + "-"));
    };
  }

  /**
   * Retries a failing record a few times with exponential backoff, then publishes it to {@code
   * <topic>-dlt} (same partition) and moves on. Records that cannot be deserialized are not
   * retried: their raw bytes go to the dead-letter topic at once. A failure of the database
   * connection or a lock conflict ({@link TransientFailures}) is retried until it passes.
   */
  @Bean
  DefaultErrorHandler sagaErrorHandler(
      KafkaTemplate<Object, Object> kafka,
      MessagingSettings settings,
      ObjectProvider<MeterRegistry> meters) {
    var backOff = new ExponentialBackOffWithMaxRetries(settings.retryAttempts());
    backOff.setInitialInterval(settings.retryInitialInterval().toMillis());
    backOff.setMultiplier(2.0);
    var deadLetters = new DeadLetterPublishingRecoverer(kafka);
    deadLetters.setLogRecoveryRecord(true);
    MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
    // With the consumer, so that every dead letter says which group gave it up (the recoverer reads
    // it from the consumer's group metadata; without it, a record that could not be deserialized
    // went without).
    ConsumerAwareRecordRecoverer recoverer =
        (record, consumer, exception) -> {
          deadLetters.accept(record, consumer, exception);
          Counter.builder("shop.messaging.dead.letters")
              .description("Records sent to a dead-letter topic")
              .tag("topic", record.topic())
              .register(registry)
              .increment();
        };
    var handler = new DefaultErrorHandler(recoverer, backOff);
    // The database being away is no reason to give an event up: retry until it is back, holding
    // the partition (nothing on it could be processed meanwhile anyway).
    var untilTheDatabaseIsBack =
        new ExponentialBackOff(settings.retryInitialInterval().toMillis(), 2.0);
    untilTheDatabaseIsBack.setMaxInterval(Duration.ofSeconds(10).toMillis());
    handler.setBackOffFunction(
        (record, exception) ->
            TransientFailures.isTransient(exception) ? untilTheDatabaseIsBack : null);
    return handler;
  }

  /** The saga topics and their dead-letter topics, created at start-up when missing. */
  @Bean
  KafkaAdmin.NewTopics sagaTopics(MessagingSettings settings) {
    List<String> topics =
        List.of(Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS);
    return new KafkaAdmin.NewTopics(
        topics.stream()
            .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
            .map(topic -> new NewTopic(topic, settings.partitions(), settings.replicationFactor()))
            .toArray(NewTopic[]::new));
  }

  /** Lists and replays the dead-letter topics' records. */
  @Bean
  DeadLetters deadLetters(
      ConsumerFactory<?, ?> consumerFactory, ProducerFactory<?, ?> producerFactory) {
    return new DeadLetters(
        consumerFactory.getConfigurationProperties(), producerFactory.getConfigurationProperties());
  }

  /** {@code /actuator/deadletters}, where Spring Boot's actuator is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Endpoint.class)
  static class DeadLettersEndpointConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
      return new DeadLettersEndpoint(deadLetters);
    }
  }

  /** The {@code kafka} health indicator, where Spring Boot's health support is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(AbstractHealthIndicator.class)
  static class KafkaHealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
      return new KafkaHealthIndicator(kafkaAdmin);
    }
  }

  /**
   * Forgets processed event ids past their retention, in small batches, so the inbox stays small.
   */
  static class InboxJanitor implements SchedulingConfigurer {

    private final Inbox inbox;
    private final MessagingSettings settings;

    InboxJanitor(Inbox inbox, MessagingSettings settings) {
      this.inbox = inbox;
      this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
      registrar.addFixedDelayTask(this::forgetOldEvents, settings.inboxPruneInterval());
    }

    void forgetOldEvents() {
      Instant cutoff = Instant.now().minus(settings.inboxRetention());
      int forgotten = 0;
      int batch;
      do {
        batch = inbox.forgetProcessedBefore(cutoff, settings.inboxPruneBatchSize());
        forgotten += batch;
      } while (batch == settings.inboxPruneBatchSize());
      if (forgotten > 0) {
        log.info(
            "Forgot {} processed event ids older than {}", forgotten, settings.inboxRetention());
      }
    }
  }
}
