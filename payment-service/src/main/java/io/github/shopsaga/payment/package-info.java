/**
 * payment-service: customer accounts with a balance and a simulated payment provider that charges,
 * declines and refunds the orders of the saga.
 */
package io.github.shopsaga.payment;
