package io.github.shopsaga.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON fixtures are the published wire format: an event that no longer reads its fixture, or
 * writes something else, is an incompatible change and fails here.
 */
class EventJsonTests {

  private final JsonMapper json = JsonMapper.builder().build();

  static Stream<String> eventTypes() {
    return Stream.of(OrderEvent.class, InventoryEvent.class, PaymentEvent.class)
        .flatMap(side -> Arrays.stream(side.getPermittedSubclasses()))
        .map(Class::getSimpleName);
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void readsItsFixtureIntoTheSampleEvent(String type) throws IOException {
    SagaEvent sample = EventSamples.all().get(type);

    SagaEvent read = json.readValue(fixture(type), sideOf(sample));

    assertThat(read).isEqualTo(sample);
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void writesExactlyItsFixture(String type) throws IOException {
    SagaEvent sample = EventSamples.all().get(type);

    JsonNode written = json.readTree(json.writerFor(sideOf(sample)).writeValueAsString(sample));

    assertThat(written).isEqualTo(json.readTree(fixture(type)));
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void namesTheTypeLogicallyNeverByJavaClass(String type) throws IOException {
    JsonNode fixture = json.readTree(fixture(type));

    assertThat(fixture.get("type").asString()).isEqualTo(type).doesNotContain(".");
    assertThat(fixture.get("occurredAt").isString()).as("ISO-8601 timestamp").isTrue();
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void readsAnyEventThroughTheCommonInterface(String type) throws IOException {
    assertThat(json.readValue(fixture(type), SagaEvent.class))
        .isEqualTo(EventSamples.all().get(type));
  }

  @Test
  void coversEveryEventOfTheCatalogue() {
    assertThat(EventSamples.all().keySet())
        .containsExactlyInAnyOrderElementsOf(eventTypes().toList());
  }

  @Test
  void rejectsAnUnknownEventType() {
    String unknown =
        """
        {"type":"OrderTeleported","eventId":"00000000-0000-4000-8000-000000000001"}""";

    assertThatThrownBy(() -> json.readValue(unknown, OrderEvent.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("OrderTeleported");
  }

  @Test
  void keepsMoneyAtTwoDecimalPlaces() {
    assertThat(Money.of("12.5", "EUR").amount()).hasToString("12.50");
    assertThat(Money.of("12.50", "EUR").times(3)).isEqualTo(Money.of("37.50", "EUR"));
    assertThatThrownBy(() -> Money.of("0.125", "EUR")).isInstanceOf(ArithmeticException.class);
  }

  private static Class<? extends SagaEvent> sideOf(SagaEvent event) {
    return switch (event) {
      case OrderEvent _ -> OrderEvent.class;
      case InventoryEvent _ -> InventoryEvent.class;
      case PaymentEvent _ -> PaymentEvent.class;
    };
  }

  private static InputStream fixture(String type) {
    InputStream in = EventJsonTests.class.getResourceAsStream("/events/" + type + ".json");
    assertThat(in).as("fixture events/%s.json", type).isNotNull();
    return in;
  }
}
