/**
 * The HTTP error contract of every service: each client mistake becomes an RFC 9457 {@code
 * application/problem+json} response with a 4xx status, never a 5xx, and never an echoed exception.
 */
package io.github.shopsaga.web;
