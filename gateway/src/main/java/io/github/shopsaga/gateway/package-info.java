/**
 * A load balancer for a scaled-out shop: one published port per service, each request sent to one
 * of the instances that the service's DNS name resolves to at that moment.
 */
package io.github.shopsaga.gateway;
