package io.github.shopsaga.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the shop, under {@code shop}.
 *
 * @param currency the currency of every price and total (ISO 4217 code)
 * @param orders how long a saga may run, under {@code shop.orders}
 */
@ConfigurationProperties("shop")
record ShopSettings(@DefaultValue("EUR") String currency, @DefaultValue Orders orders) {

  /**
   * The saga deadline.
   *
   * @param sagaTimeout how long after placement an order may stay PENDING or AWAITING_PAYMENT
   *     before it is cancelled as TIMED_OUT; fixed on each order when it is placed
   * @param sweepInterval the pause between two looks for orders past their deadline
   * @param placementBatchSize the most new orders stored in one transaction; a batch takes the
   *     orders placed while the previous one was written (and during the linger below)
   * @param placementQueueCapacity the most new orders waiting for their batch; a POST beyond it is
   *     answered 503 (a few seconds of orders at full speed: the memory it takes stays small)
   * @param placementLinger under load (the previous batch held more than one order), how long the
   *     first order of a batch waits for others to join it; a lone order never waits. Larger
   *     batches here make larger batches at every later stage of the saga. Costs up to this much on
   *     a POST's answer under load (0 turns it off)
   */
  record Orders(
      @DefaultValue("60s") Duration sagaTimeout,
      @DefaultValue("1s") Duration sweepInterval,
      @DefaultValue("200") int placementBatchSize,
      @DefaultValue("2000") int placementQueueCapacity,
      @DefaultValue("20ms") Duration placementLinger) {}
}
