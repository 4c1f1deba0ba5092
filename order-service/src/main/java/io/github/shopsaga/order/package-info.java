/**
 * Order-service: places, tracks and cancels orders, and moves each order along the saga as
 * inventory and payment events arrive.
 */
package io.github.shopsaga.order;
