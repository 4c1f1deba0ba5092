package io.github.shopsaga.messaging;

import io.github.shopsaga.events.SagaEvent;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of events on the wire, independent of how a service configures the JSON of
 * its HTTP API.
 */
public final class EventJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private EventJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Writes the event with its logical {@code type} name. */
  public static String write(SagaEvent event) {
    return MAPPER.writerFor(SagaEvent.class).writeValueAsString(event);
  }

  public static SagaEvent read(String json) {
    return MAPPER.readValue(json, SagaEvent.class);
  }
}
