package io.github.shopsaga.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The AsyncAPI document describes every event of the catalogue, on its side's channel. */
class AsyncApiDocumentTests {

  private static final Path DOCUMENT = Path.of("asyncapi.yaml");

  @ParameterizedTest
  @MethodSource("io.github.shopsaga.events.EventJsonTests#eventTypes")
  void describesTheEvent(String type) throws IOException {
    String document = Files.readString(DOCUMENT);

    assertThat(document)
        .as("components/messages/%s", type)
        .contains("\n    %s:\n      summary:".formatted(type))
        .contains("{$ref: '#/components/messages/%s'}".formatted(type))
        .contains("type: {const: %s}".formatted(type));
  }
}
