package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NotificationServiceApplicationTests {

  @Test
  void namesTheStreamProviderThatJakartaMailWouldFindItself() throws Exception {
    // If a new Angus Mail renamed it, naming the old class would make every e-mail fail.
    StreamProvider found = ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow();

    assertThat(found.getClass().getName())
        .isEqualTo(NotificationServiceApplication.STREAM_PROVIDER);
    assertThat(Class.forName(NotificationServiceApplication.STREAM_PROVIDER))
        .isAssignableTo(StreamProvider.class);
  }
}
