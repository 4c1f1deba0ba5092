package io.github.shopsaga.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTests {

  @Test
  void boundsTheRequestsInFlightTo200UnlessToldOtherwise() {
    assertThat(parse("--rate", "100").connections()).isEqualTo(200);
    assertThat(parse("--rate", "100", "--connections", "50").connections()).isEqualTo(50);
  }

  @Test
  void refusesToRunWithoutConnections() {
    assertThatThrownBy(() -> parse("--rate", "100", "--connections", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--connections must be positive");
  }

  @Test
  void appendsToAMarkdownFileOrToNone() {
    assertThat(parse("--rate", "100").markdown()).hasToString("docs/benchmarks.md");
    assertThat(parse("--rate", "100", "--markdown", "none").markdown()).isNull();
    assertThatThrownBy(() -> parse("--rate", "100", "--markdown", "false"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--markdown is a .md file, or none to skip the table");
  }

  private static Options parse(String... args) {
    return Options.parse(args, "20261206-000000");
  }
}
