package io.github.shopsaga.order;

import io.github.shopsaga.web.ApiProblems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
class OrderController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final java.util.regex.Pattern VALID_IDEMPOTENCY_KEY =
      java.util.regex.Pattern.compile("[\\x20-\\x7E]{1,100}");

  private final OrderService orders;

  OrderController(OrderService orders) {
    this.orders = orders;
  }

  /**
   * Places an order: 202 with the PENDING order; the saga runs on asynchronously. A replay of an
   * earlier request (same Idempotency-Key, same body) answers 200 with that request's order.
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<OrderResponse> place(
      @Valid @RequestBody PlaceOrderRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
    if (idempotencyKey != null && !VALID_IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw ApiProblems.badRequest(
          "The Idempotency-Key header must be 1 to 100 printable ASCII characters");
    }
    OrderService.Placement placement = orders.place(request, idempotencyKey);
    OrderResponse order = placement.order();
    return ResponseEntity.status(placement.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .location(URI.create("/api/orders/" + order.id()))
        .body(order);
  }

  @GetMapping("/{id}")
  OrderResponse order(@PathVariable UUID id) {
    return orders.find(id);
  }

  /**
   * A customer's orders, newest first: {@code {"content":[...],"page":{"size","number",
   * "totalElements","totalPages"}}}. {@code page} counts from 0; {@code size} defaults to 20 and is
   * capped at 100.
   */
  @GetMapping
  PagedModel<OrderResponse> customerOrders(
      @RequestParam @Pattern(regexp = PlaceOrderRequest.CUSTOMER_ID) String customerId,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) int size) {
    return new PagedModel<>(orders.findByCustomer(customerId, page, size));
  }

  @GetMapping("/{id}/events")
  List<OrderEventResponse> history(@PathVariable UUID id) {
    return orders.history(id);
  }

  /** Cancels the order: 202 with the order; stock and money are given back asynchronously. */
  @PostMapping("/{id}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  OrderResponse cancel(@PathVariable UUID id) {
    return orders.cancel(id);
  }
}
