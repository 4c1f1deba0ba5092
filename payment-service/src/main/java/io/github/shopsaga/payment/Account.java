package io.github.shopsaga.payment;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * A customer's account. Its balance only changes through the conditional statements of {@link
 * AccountRepository}, so concurrent charges are decided by the database, never by a stale copy.
 */
@Entity
@Table(name = "account")
class Account {

  @Id private String customerId;

  private BigDecimal balance;

  protected Account() {}

  String customerId() {
    return customerId;
  }

  BigDecimal balance() {
    return balance;
  }
}
