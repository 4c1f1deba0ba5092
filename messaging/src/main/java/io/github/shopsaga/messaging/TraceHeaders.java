package io.github.shopsaga.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The trace context of the current thread as record headers (W3C {@code traceparent} and friends).
 * The outbox stores them with the event and the publisher sends them with the record, so the trace
 * of the request or listener that caused an event continues in the services that consume it,
 * although the record itself is sent later, from another thread.
 */
@FunctionalInterface
public interface TraceHeaders {

  /** No tracing on the classpath: events carry no trace headers. */
  TraceHeaders NONE = Map::of;

  Map<String, String> current();

  /**
   * Continues the trace of a consumed record's headers in this thread until the returned scope is
   * closed: a consumer span, child of the record's context, is current meanwhile, so the events
   * recorded in it carry the same trace. (Spring Kafka observes record listeners, not the records
   * of a batch listener.)
   */
  default Scope continueFrom(Headers headers, String spanName) {
    return Scope.NONE;
  }

  /** A continued trace, ended by {@link #close()}. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {

    Scope NONE = () -> {};

    @Override
    void close();
  }

  /** Micrometer Tracing's propagator, whichever tracer (OpenTelemetry, Brave) is behind it. */
  static TraceHeaders micrometer(Tracer tracer, Propagator propagator) {
    return new TraceHeaders() {

      @Override
      public Map<String, String> current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
          return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(context, headers, Map::put);
        return headers;
      }

      @Override
      public Scope continueFrom(Headers headers, String spanName) {
        Span span =
            propagator
                .extract(headers, TraceHeaders::lastValue)
                .name(spanName)
                .kind(Span.Kind.CONSUMER)
                .start();
        Tracer.SpanInScope inScope = tracer.withSpan(span);
        return () -> {
          inScope.close();
          span.end();
        };
      }
    };
  }

  private static String lastValue(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }
}
