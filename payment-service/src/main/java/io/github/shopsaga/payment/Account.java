package io.github.shopsaga.payment;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.math.BigDecimal;

/**
 * A customer's account. The saga changes its balance only on a row its batch has locked ({@link
 * PaymentStore#lockAccounts}), so concurrent charges never work on a stale copy, and the database's
 * check keeps every balance at zero or above whatever the code does.
 */
@Entity
@Table(name = "account")
class Account {

  @Id private String customerId;

  private BigDecimal balance;

  @Transient private boolean changed;

  protected Account() {}

  /** An account as stored, read and locked by the saga's batch. */
  static Account restore(String customerId, BigDecimal balance) {
    Account account = new Account();
    account.customerId = customerId;
    account.balance = balance;
    return account;
  }

  /** Takes the amount if the balance covers it; returns whether it was taken. */
  boolean withdraw(BigDecimal amount) {
    if (balance.compareTo(amount) < 0) {
      return false;
    }
    balance = balance.subtract(amount);
    changed = true;
    return true;
  }

  /** Puts the amount back on the balance. */
  void deposit(BigDecimal amount) {
    balance = balance.add(amount);
    changed = true;
  }

  boolean isChanged() {
    return changed;
  }

  String customerId() {
    return customerId;
  }

  BigDecimal balance() {
    return balance;
  }
}
