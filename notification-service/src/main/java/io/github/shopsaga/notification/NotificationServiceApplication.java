package io.github.shopsaga.notification;

import jakarta.mail.util.StreamProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

  /** Angus Mail's implementation of Jakarta Mail's encoders and decoders. */
  static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  public static void main(String[] args) {
    // Jakarta Mail looks up its stream provider every time it encodes a part of a message, with a
    // ServiceLoader that reads the class path's jars unless a system property names the class: a
    // third of the dispatcher's CPU at 200 orders/s (JFR). Named, it is a class lookup.
    if (System.getProperty(StreamProvider.class.getName()) == null) {
      System.setProperty(StreamProvider.class.getName(), STREAM_PROVIDER);
    }
    SpringApplication.run(NotificationServiceApplication.class, args);
  }
}
