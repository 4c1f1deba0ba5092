package io.github.shopsaga.events;

/** Topic names of the saga, and the dead-letter topic convention of Spring Kafka. */
public final class Topics {

  public static final String ORDER_EVENTS = "order-events";
  public static final String INVENTORY_EVENTS = "inventory-events";
  public static final String PAYMENT_EVENTS = "payment-events";

  private Topics() {}

  /** The dead-letter topic that Spring Kafka's {@code DeadLetterPublishingRecoverer} writes to. */
  public static String deadLetter(String topic) {
    return topic + "-dlt";
  }
}
