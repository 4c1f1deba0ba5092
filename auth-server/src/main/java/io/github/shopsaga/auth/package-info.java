/**
 * The shop's authorization server: who the customers and the staff are, and the tokens that say so.
 */
package io.github.shopsaga.auth;
