package io.github.shopsaga.auth;

import java.util.Set;

/**
 * The scopes the shop's services understand. A token carries the ones its holder may use: a person
 * only those of their role, a client only those it was registered for.
 */
final class ShopScopes {

  /**
   * Act as the customer the token names ({@code sub}): their orders, payments, e-mails, account.
   */
  static final String CUSTOMER = "shop.customer";

  /**
   * Act for any customer a request names: for trusted back-office clients and the load generator,
   * which place and follow orders for many customers without their passwords.
   */
  static final String ACT_FOR_CUSTOMERS = "shop.act-for-customers";

  /** Run the shop: the catalogue, prices, stock and accounts; read any order. */
  static final String STAFF = "shop.staff";

  /** The scopes each role of a person may be granted, beside OpenID Connect's own. */
  static Set<String> ofRole(String role) {
    return switch (role) {
      case "ROLE_CUSTOMER" -> Set.of(CUSTOMER);
      case "ROLE_STAFF" -> Set.of(STAFF);
      default -> Set.of();
    };
  }

  private ShopScopes() {}
}
