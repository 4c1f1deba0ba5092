package io.github.shopsaga.messaging;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /** Micrometer Tracing's propagator, whichever tracer (OpenTelemetry, Brave) is behind it. */
  static TraceHeaders micrometer(Tracer tracer, Propagator propagator) {
    return () -> {
      TraceContext context = tracer.currentTraceContext().context();
      if (context == null) {
        return Map.of();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      propagator.inject(context, headers, Map::put);
      return headers;
    };
  }
}
