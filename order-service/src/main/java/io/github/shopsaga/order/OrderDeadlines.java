package io.github.shopsaga.order;

import java.time.Duration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Enforces the saga deadline: every {@code shop.orders.sweep-interval}, after the previous sweep
 * finished, cancels the orders past their deadline, a batch per transaction. Several instances
 * sweep side by side safely: each batch skips the orders another one has locked.
 */
@Component
class OrderDeadlines implements SchedulingConfigurer {

  static final int BATCH_SIZE = 100;

  private final OrderSaga saga;
  private final Duration sweepInterval;

  OrderDeadlines(OrderSaga saga, ShopSettings settings) {
    this.saga = saga;
    this.sweepInterval = settings.orders().sweepInterval();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(this::sweep, sweepInterval);
  }

  /** Times out due orders until a batch comes back short: none are left for now. */
  void sweep() {
    int due;
    do {
      due = saga.timeOutDueOrders(BATCH_SIZE);
    } while (due == BATCH_SIZE);
  }
}
