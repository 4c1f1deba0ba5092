package io.github.shopsaga.messaging;

import io.github.shopsaga.events.OrderEvent;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.SagaEvent;
import io.github.shopsaga.testsupport.InfrastructureContainers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;

/** A minimal service around the messaging module: it consumes order-events through the inbox. */
@SpringBootApplication
@Import(InfrastructureContainers.class)
class MessagingTestApplication {

  /** Customer id that makes the listener fail, to drive a record to the dead-letter topic. */
  static final String FAILING_CUSTOMER = "always-fails";

  /** Customer id whose events fail until the test says the bug is fixed ({@code fixed}). */
  static final String FIXED_LATER_CUSTOMER = "fixed-later";

  /** Customer id whose events meet an unreachable database six times before they pass. */
  static final String DATABASE_HICCUP_CUSTOMER = "database-hiccup";

  /** Stands in for a tracer: every recorded event carries this trace context. */
  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Bean
  TraceHeaders traceHeaders() {
    return () -> Map.of("traceparent", TRACEPARENT);
  }

  @Bean
  SimpleMeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  @Bean
  OrderEventsRecorder orderEventsRecorder(Inbox inbox) {
    return new OrderEventsRecorder(inbox);
  }

  /**
   * Consumes order-events through the inbox and keeps the events it applied once their batch
   * committed (a rolled-back batch is applied again). Fails on {@link #FAILING_CUSTOMER} (and on
   * {@link #FIXED_LATER_CUSTOMER} until {@code fixed}), and meets a database hiccup on {@link
   * #DATABASE_HICCUP_CUSTOMER}.
   */
  static class OrderEventsRecorder implements BatchHandler<OrderEvent, List<OrderEvent>> {

    final List<OrderEvent> applied = new CopyOnWriteArrayList<>();
    final Map<UUID, Integer> attempts = new ConcurrentHashMap<>();
    final AtomicBoolean fixed = new AtomicBoolean();
    private final Inbox inbox;

    OrderEventsRecorder(Inbox inbox) {
      this.inbox = inbox;
    }

    @KafkaListener(topics = OrderEvent.TOPIC, groupId = "messaging-tests", batch = "true")
    void on(List<ConsumerRecord<String, SagaEvent>> records) {
      inbox.process(records, OrderEvent.class, this);
    }

    @Override
    public List<OrderEvent> load(List<OrderEvent> events) {
      return new ArrayList<>();
    }

    @Override
    public List<SagaEvent> apply(List<OrderEvent> batch, OrderEvent event) {
      if (event instanceof OrderPlaced placed && placed.customerId().equals(FAILING_CUSTOMER)) {
        throw new IllegalStateException("cannot process this order");
      }
      if (event instanceof OrderPlaced placed
          && placed.customerId().equals(FIXED_LATER_CUSTOMER)
          && !fixed.get()) {
        throw new IllegalStateException("not fixed yet");
      }
      if (event instanceof OrderPlaced placed
          && placed.customerId().equals(DATABASE_HICCUP_CUSTOMER)
          && attempts.merge(placed.eventId(), 1, Integer::sum) <= 6) {
        throw new DataAccessResourceFailureException("connection refused");
      }
      batch.add(event);
      return List.of();
    }

    @Override
    public void store(List<OrderEvent> batch, SqlWrites writes) {}

    @Override
    public void committed(List<OrderEvent> batch) {
      applied.addAll(batch);
    }
  }
}
