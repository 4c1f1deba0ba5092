package io.github.shopsaga.payment;

/** What the attempt to take an order's total from the customer's balance found. */
enum Debit {
  TAKEN,
  BALANCE_TOO_LOW,
  NO_ACCOUNT
}
