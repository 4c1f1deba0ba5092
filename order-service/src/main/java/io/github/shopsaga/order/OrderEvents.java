package io.github.shopsaga.order;

import io.github.shopsaga.events.CancellationReason;
import io.github.shopsaga.events.OrderCancelled;
import io.github.shopsaga.events.OrderConfirmed;
import io.github.shopsaga.events.OrderPlaced;
import io.github.shopsaga.events.OrderRejected;
import io.github.shopsaga.events.RejectionReason;
import java.util.UUID;

/** The events order-service publishes, as of an order's current state. */
final class OrderEvents {

  private OrderEvents() {}

  static OrderPlaced placed(Order order) {
    return new OrderPlaced(
        UUID.randomUUID(),
        order.id(),
        order.createdAt(),
        order.customerId(),
        order.customerEmail(),
        order.lines());
  }

  static OrderConfirmed confirmed(Order order) {
    return new OrderConfirmed(
        UUID.randomUUID(),
        order.id(),
        order.updatedAt(),
        order.customerId(),
        order.customerEmail(),
        order.pricedLines(),
        order.totalMoney());
  }

  static OrderRejected rejected(Order order, RejectionReason reason) {
    return new OrderRejected(
        UUID.randomUUID(),
        order.id(),
        order.updatedAt(),
        order.customerId(),
        order.customerEmail(),
        order.lines(),
        reason);
  }

  static OrderCancelled cancelled(Order order, CancellationReason reason) {
    return new OrderCancelled(
        UUID.randomUUID(),
        order.id(),
        order.updatedAt(),
        order.customerId(),
        order.customerEmail(),
        order.lines(),
        order.totalMoney(),
        reason);
  }
}
