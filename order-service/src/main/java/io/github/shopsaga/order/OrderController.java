package io.github.shopsaga.order;

import static io.github.shopsaga.order.ApiExamples.CONFIRMED_ORDER;
import static io.github.shopsaga.order.ApiExamples.CONFLICT_PROBLEM;
import static io.github.shopsaga.order.ApiExamples.HISTORY;
import static io.github.shopsaga.order.ApiExamples.NOT_FOUND_PROBLEM;
import static io.github.shopsaga.order.ApiExamples.PENDING_ORDER;
import static io.github.shopsaga.order.ApiExamples.PLACE_ORDER;
import static io.github.shopsaga.order.ApiExamples.UNPROCESSABLE_PROBLEM;
import static io.github.shopsaga.order.ApiExamples.VALIDATION_PROBLEM;

import io.github.shopsaga.web.ApiProblems;
import io.github.shopsaga.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "Orders")
class OrderController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String LAST_EVENT_ID = "Last-Event-ID";

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
  @Operation(
      summary = "Place an order",
      description =
          """
          Stores the order PENDING and starts its saga; answers at once. Prices come from \
          inventory: `status`, `unitPrice` or `total` in the body are ignored. With an \
          Idempotency-Key (scoped per customerId), a repeat of the same request returns the \
          first one's order (200) instead of placing another.""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples = @ExampleObject(name = "two mugs", value = PLACE_ORDER))))
  @ApiResponse(
      responseCode = "202",
      description = "Order placed, PENDING; the saga runs asynchronously",
      headers = @Header(name = "Location", description = "/api/orders/{id}"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = OrderResponse.class),
              examples = @ExampleObject(name = "pending", value = PENDING_ORDER)))
  @ApiResponse(
      responseCode = "200",
      description = "A repeat of an earlier request with the same Idempotency-Key: its order",
      headers = @Header(name = "Location", description = "/api/orders/{id}"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = OrderResponse.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON, invalid fields (listed in errors) or Idempotency-Key",
      content =
          @Content(examples = @ExampleObject(name = "invalid fields", value = VALIDATION_PROBLEM)))
  @ApiResponse(
      responseCode = "422",
      description = "Idempotency-Key already used by the customer for a different request",
      content =
          @Content(examples = @ExampleObject(name = "key reused", value = UNPROCESSABLE_PROBLEM)))
  @ApiResponse(
      responseCode = "503",
      description =
          "Too many orders wait to be stored (the database is slow or away): retry after the"
              + " Retry-After seconds; nothing was stored",
      headers = @Header(name = "Retry-After", description = "Seconds to wait"))
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<OrderResponse> place(
      @Validated(PlaceOrderRequest.Checks.class) @RequestBody PlaceOrderRequest request,
      @Parameter(
              description =
                  "Optional, 1-100 printable ASCII characters, scoped per customerId: a repeat"
                      + " with the same body returns the same order")
          @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
          @Nullable String idempotencyKey,
      Caller caller) {
    if (!caller.mayActFor(request.customerId())) {
      throw ApiProblems.forbidden(
          "This token may not place orders for customer '%s'".formatted(request.customerId()));
    }
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

  @Operation(summary = "An order")
  @ApiResponse(
      responseCode = "200",
      description = "The order",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = OrderResponse.class),
              examples = @ExampleObject(name = "confirmed", value = CONFIRMED_ORDER)))
  @ApiResponse(responseCode = "400", description = "The id is not a UUID")
  @ApiResponse(
      responseCode = "404",
      description = "No such order",
      content =
          @Content(examples = @ExampleObject(name = "unknown order", value = NOT_FOUND_PROBLEM)))
  @GetMapping("/{id}")
  OrderResponse order(@PathVariable UUID id, Caller caller) {
    return orders.find(id, caller);
  }

  /**
   * A customer's orders, newest first: {@code {"content":[...],"page":{"size","number",
   * "totalElements","totalPages"}}}. {@code page} counts from 0; {@code size} defaults to 20 and is
   * capped at 100.
   */
  @Operation(
      summary = "A customer's orders, newest first",
      description =
          """
          Paged: `{"content":[orders],"page":{"size","number","totalElements","totalPages"}}`. \
          `page` counts from 0; `size` defaults to 20 and is capped at 100.""")
  @ApiResponse(responseCode = "200", description = "A page of the customer's orders")
  @ApiResponse(
      responseCode = "400",
      description = "Invalid customerId, page or size (listed in errors)")
  @GetMapping
  PagedModel<OrderResponse> customerOrders(
      @RequestParam @Pattern(regexp = PlaceOrderRequest.CUSTOMER_ID) String customerId,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) int size,
      Caller caller) {
    requireMaySee(caller, customerId);
    return new PagedModel<>(orders.findByCustomer(customerId, page, size));
  }

  @Operation(
      summary = "Follow a customer's orders",
      description =
          """
          A server-sent-events stream of the customer's order changes as they commit (after \
          placement: reservations, payments, outcomes, cancellations), so that a client learns \
          the outcome without asking for each order again. Each event is named `order`, its data \
          is the order as `GET /api/orders/{id}` returns it and its id is the order's \
          `updatedAt`. A client reconnecting with `Last-Event-ID` is sent first what changed \
          since (a few changes may come twice: keep the latest `updatedAt` per order). A comment \
          every 15 s keeps the stream open; it ends after 30 minutes, or when the client falls \
          256 changes behind, and the client reconnects. With `status`, only the changes that \
          leave an order in one of those statuses are sent (`status=CONFIRMED,REJECTED,CANCELLED`: \
          the outcomes only).""")
  @ApiResponse(
      responseCode = "200",
      description = "The stream",
      content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
  @ApiResponse(responseCode = "400", description = "Invalid customerId, status or Last-Event-ID")
  @GetMapping(path = "/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter follow(
      @RequestParam @Pattern(regexp = PlaceOrderRequest.CUSTOMER_ID) String customerId,
      @Parameter(
              description =
                  "Optional: only the changes that leave an order in one of these statuses"
                      + " (CONFIRMED,REJECTED,CANCELLED for the outcomes); every change without it")
          @RequestParam(name = "status", required = false)
          @Nullable Set<OrderStatus> statuses,
      @Parameter(description = "Optional: the id of the last event received, an ISO-8601 instant")
          @RequestHeader(name = LAST_EVENT_ID, required = false)
          @Nullable String lastEventId,
      Caller caller) {
    requireMaySee(caller, customerId);
    return orders.follow(
        customerId,
        statuses == null || statuses.isEmpty()
            ? EnumSet.allOf(OrderStatus.class)
            : EnumSet.copyOf(statuses),
        lastEventId == null ? null : parseInstant(lastEventId));
  }

  private static Instant parseInstant(String lastEventId) {
    try {
      return Instant.parse(lastEventId);
    } catch (DateTimeParseException e) {
      throw ApiProblems.badRequest("The Last-Event-ID header must be an ISO-8601 instant");
    }
  }

  @Operation(
      summary = "An order's history",
      description =
          """
          Every event the order went through, published or received, oldest first. `reason`, \
          `amount` and `currency` are null where the event has none.""")
  @ApiResponse(
      responseCode = "200",
      description = "The order's events",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              examples = @ExampleObject(name = "confirmed order", value = HISTORY)))
  @ApiResponse(
      responseCode = "404",
      description = "No such order",
      content =
          @Content(examples = @ExampleObject(name = "unknown order", value = NOT_FOUND_PROBLEM)))
  @GetMapping("/{id}/events")
  List<OrderEventResponse> history(@PathVariable UUID id, Caller caller) {
    return orders.history(id, caller);
  }

  /** Cancels the order: 202 with the order; stock and money are given back asynchronously. */
  @Operation(
      summary = "Cancel an order",
      description =
          """
          Allowed while PENDING, AWAITING_PAYMENT or CONFIRMED: the order is CANCELLED \
          (CUSTOMER_CANCELLED) at once; its stock is released and a charge refunded \
          asynchronously.""")
  @ApiResponse(responseCode = "202", description = "The cancelled order")
  @ApiResponse(
      responseCode = "404",
      description = "No such order",
      content =
          @Content(examples = @ExampleObject(name = "unknown order", value = NOT_FOUND_PROBLEM)))
  @ApiResponse(
      responseCode = "409",
      description = "The order is already REJECTED or CANCELLED",
      content =
          @Content(examples = @ExampleObject(name = "already over", value = CONFLICT_PROBLEM)))
  @PostMapping("/{id}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  OrderResponse cancel(@PathVariable UUID id, Caller caller) {
    return orders.cancel(id, caller);
  }

  /**
   * A customer names only themselves where a request names a customer. The answer does not depend
   * on whether the other customer exists, so it tells nothing about them.
   */
  private static void requireMaySee(Caller caller, String customerId) {
    if (!caller.maySeeOf(customerId)) {
      throw ApiProblems.forbidden(
          "This token may not see the orders of customer '%s'".formatted(customerId));
    }
  }
}
