package io.github.shopsaga.inventory;

/** A product was asked to hand out more units than it holds. */
class OutOfStockException extends IllegalStateException {

  OutOfStockException(String message) {
    super(message);
  }
}
