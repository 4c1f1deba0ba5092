package io.github.shopsaga.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimeOrderedIdsTests {

  static Stream<Arguments> generators() {
    return Stream.of(
        Arguments.of("event ids", (Supplier<UUID>) EventIds::next),
        Arguments.of("order, payment and e-mail ids", (Supplier<UUID>) TimeOrderedIds::next));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generators")
  void anIdIsAVersion7UuidThatCarriesTheTimeItWasMade(String kind, Supplier<UUID> generator) {
    long before = Instant.now().toEpochMilli();
    UUID id = generator.get();
    long after = Instant.now().toEpochMilli();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnes() throws InterruptedException {
    List<UUID> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(TimeOrderedIds.next());
      long millisecond = Instant.now().toEpochMilli();
      while (Instant.now().toEpochMilli() == millisecond) {
        Thread.onSpinWait();
      }
    }

    // As PostgreSQL orders uuid values: by their bytes, unsigned, which is their text's order.
    assertThat(made.stream().map(UUID::toString).toList()).isSorted();
  }

  @Test
  void shortFormsTellApartIdsMadeInTheSameMillisecond() {
    List<UUID> made = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      made.add(TimeOrderedIds.next());
    }

    Set<String> prefixes = new HashSet<>();
    Set<String> shortForms = new HashSet<>();
    for (UUID id : made) {
      prefixes.add(id.toString().substring(0, 8));
      shortForms.add(TimeOrderedIds.shortForm(id));
    }

    // The first eight digits change once a minute (twice if this test runs across the change);
    // the last eight are random bits (two of a hundred alike by chance: about one in a million).
    assertThat(prefixes).hasSizeLessThanOrEqualTo(2);
    assertThat(shortForms).hasSize(100).allMatch(form -> form.matches("[0-9a-f]{8}"));
  }

  @Test
  void theShortFormIsTheLastBlockOfAnyUuid() {
    UUID random = UUID.fromString("3f0c2a9e-8d4b-4c1a-9e6f-5b7d2c8a1e4f");

    assertThat(TimeOrderedIds.shortForm(random)).isEqualTo("2c8a1e4f");
  }
}
