package io.github.shopsaga.web;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who sent a request, as its access token says: the token's subject and the shop's scopes it
 * carries. A controller method takes one as a parameter.
 *
 * <ul>
 *   <li>{@value #CUSTOMER}: a customer acting as themselves; the subject is their customer id.
 *   <li>{@value #ACT_FOR_CUSTOMERS}: a trusted client (the back office, the load generator) acting
 *       for whichever customer a request names.
 *   <li>{@value #STAFF}: someone running the shop: catalogue, stock, accounts; may read any order.
 * </ul>
 *
 * @param subject the token's {@code sub}: a customer id, a staff user's name or a client id
 * @param scopes the token's scopes
 */
public record Caller(String subject, Set<String> scopes) {

  public static final String CUSTOMER = "shop.customer";
  public static final String ACT_FOR_CUSTOMERS = "shop.act-for-customers";
  public static final String STAFF = "shop.staff";

  public Caller {
    scopes = Set.copyOf(scopes);
  }

  static Caller of(Jwt token) {
    Object scope = token.getClaims().get("scope");
    Collection<String> scopes =
        switch (scope) {
          case String spaced -> List.of(spaced.split(" "));
          case Collection<?> list -> list.stream().map(Object::toString).toList();
          case null, default -> List.of();
        };
    return new Caller(token.getSubject(), Set.copyOf(scopes));
  }

  public boolean isStaff() {
    return scopes.contains(STAFF);
  }

  /** Whether this caller may act for the customer: place and cancel their orders. */
  public boolean mayActFor(String customerId) {
    return scopes.contains(ACT_FOR_CUSTOMERS)
        || (scopes.contains(CUSTOMER) && subject != null && subject.equals(customerId));
  }

  /** Whether this caller may see what belongs to the customer: staff may see everyone's. */
  public boolean maySeeOf(String customerId) {
    return isStaff() || mayActFor(customerId);
  }
}
