package io.github.shopsaga.order;

import io.github.shopsaga.events.OrderLine;
import jakarta.validation.GroupSequence;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The body of {@code POST /api/orders}: only the contract's fields, so nothing else is bound.
 *
 * <p>Validated in the sequence {@link Checks}: the size of the item list first, and only a list of
 * an allowed size item by item, so that a body of thousands of items costs one violation, not one
 * per item.
 */
record PlaceOrderRequest(
    @NotNull @Pattern(regexp = CUSTOMER_ID) String customerId,
    @NotBlank @Email @Size(max = 254) String customerEmail,
    @NotNull(groups = ListSize.class) @Size(min = 1, max = 50, groups = ListSize.class) @UniqueSkus
        List<@NotNull @Valid Item> items) {

  /** The validation group checked before all others: the item list's presence and size. */
  interface ListSize {}

  /** The order in which a request is validated: {@link ListSize}, then everything else. */
  @GroupSequence({ListSize.class, Default.class})
  interface Checks {}

  static final String CUSTOMER_ID = "[A-Za-z0-9._-]{1,64}";
  static final String SKU = "[A-Za-z0-9._-]{1,64}";

  record Item(
      @NotNull @Pattern(regexp = SKU) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {}

  List<OrderLine> lines() {
    return items.stream().map(item -> new OrderLine(item.sku(), item.quantity())).toList();
  }

  /**
   * A fingerprint of what the request asks for, to tell a replay (same key, same body) from a
   * conflicting reuse of an Idempotency-Key. Fields outside the contract take no part, like
   * everywhere else.
   */
  String fingerprint() {
    StringBuilder canonical = new StringBuilder();
    canonical.append(customerId).append('\n').append(customerEmail).append('\n');
    for (Item item : items) {
      canonical.append(item.sku()).append(' ').append(item.quantity()).append('\n');
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
