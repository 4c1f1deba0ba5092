package io.github.shopsaga.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTests {

  @Test
  void idsSortInTheOrderTheyWereMadeEvenWithinOneMillisecond() {
    List<UUID> made = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(EventIds.next());
    }

    // As PostgreSQL orders uuid values: by their bytes, unsigned, which is their text's order.
    assertThat(made.stream().map(UUID::toString).toList()).isSorted().doesNotHaveDuplicates();
  }
}
