/**
 * Inventory: the product catalogue and price authority, and the stock reservations of the order
 * saga, which never oversell however many consumers or instances reserve at once.
 */
package io.github.shopsaga.inventory;
