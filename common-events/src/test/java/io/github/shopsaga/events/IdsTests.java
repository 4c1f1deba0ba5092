package io.github.shopsaga.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTests {

  @Test
  void makesVersion7UuidsOfTheIetfVariant() {
    UUID id = Ids.next();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void carriesTheMillisecondItWasMadeIn() {
    long before = System.currentTimeMillis();
    UUID id = Ids.next();
    long after = System.currentTimeMillis();

    assertThat(Ids.unixMillis(id)).isBetween(before, after);
  }

  @Test
  void sortsIdsOfLaterMillisecondsAfterEarlierOnes() {
    UUID earlier = Ids.at(1_700_000_000_000L);
    UUID later = Ids.at(1_700_000_000_001L);

    // PostgreSQL compares uuids as unsigned bytes, as this does on the most significant half.
    assertThat(
            Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits()))
        .isNegative();
  }

  @Test
  void neverRepeatsItselfWithinOneMillisecond() {
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(Ids.at(1_700_000_000_000L));
    }
    assertThat(ids).hasSize(100_000);
  }
}
