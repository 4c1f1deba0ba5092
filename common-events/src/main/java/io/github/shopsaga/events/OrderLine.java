package io.github.shopsaga.events;

/** A line as the customer asked for it: which product and how many. */
public record OrderLine(String sku, int quantity) {}
