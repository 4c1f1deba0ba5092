package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DemoDataTests {

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withBean(AccountRepository.class, () -> mock(AccountRepository.class))
          .withUserConfiguration(DemoData.class);

  @Test
  void opensTheDemoAccountsWhenSwitchedOn() {
    contexts
        .withPropertyValues("shop.payment.demo-data=true")
        .run(context -> assertThat(context).hasSingleBean(DemoData.class));
  }

  @Test
  void opensNoDemoAccountsWhenSwitchedOff() {
    contexts
        .withPropertyValues("shop.payment.demo-data=false")
        .run(context -> assertThat(context).doesNotHaveBean(DemoData.class));
  }

  @Test
  void demoAccountsCoverEveryOutcome() {
    assertThat(DemoData.ACCOUNTS)
        .containsOnlyKeys("alice", "bob", "carol", "dave")
        .hasEntrySatisfying("dave", balance -> assertThat(balance).isZero());
  }
}
