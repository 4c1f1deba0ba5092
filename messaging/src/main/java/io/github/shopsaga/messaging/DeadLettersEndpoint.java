package io.github.shopsaga.messaging;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/deadletters/{topic}}: lists a topic's dead letters (GET, newest first) and
 * replays one or all of them (POST), see {@link DeadLetters}.
 *
 * <pre>
 * curl localhost:8080/actuator/deadletters/order-events?limit=20
 * curl -X POST -H 'Content-Type: application/json' -d '{"partition":2,"offset":17}' \
 *   localhost:8080/actuator/deadletters/order-events
 * curl -X POST -H 'Content-Type: application/json' -d '{"all":true}' \
 *   localhost:8080/actuator/deadletters/order-events
 * </pre>
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final DeadLetters deadLetters;

  DeadLettersEndpoint(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  @ReadOperation
  public DeadLetters.Listing list(@Selector String topic, @Nullable Integer limit) {
    int wanted = limit == null ? DEFAULT_LIMIT : limit;
    if (wanted < 1 || wanted > MAX_LIMIT) {
      throw new InvalidEndpointRequestException(
          "limit must be between 1 and " + MAX_LIMIT, "limit must be between 1 and " + MAX_LIMIT);
    }
    return deadLetters.list(topicName(topic), wanted);
  }

  /** Replays the record at {@code partition}/{@code offset}, or every record with {@code all}. */
  @WriteOperation
  public WebEndpointResponse<List<DeadLetters.Replayed>> replay(
      @Selector String topic,
      @Nullable Integer partition,
      @Nullable Long offset,
      @Nullable Boolean all) {
    String name = topicName(topic);
    boolean one = partition != null && offset != null;
    if (one == Boolean.TRUE.equals(all)) {
      throw new InvalidEndpointRequestException(
          "give either partition and offset, or all: true",
          "give either partition and offset, or all: true");
    }
    if (!one) {
      return new WebEndpointResponse<>(deadLetters.replayAll(name));
    }
    return deadLetters
        .replay(name, partition, offset)
        .map(replayed -> new WebEndpointResponse<>(List.of(replayed)))
        .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
  }

  private static String topicName(String topic) {
    try {
      return DeadLetters.deadLetterTopic(topic);
    } catch (IllegalArgumentException e) {
      throw new InvalidEndpointRequestException("not a topic name", "not a topic name");
    }
  }
}
