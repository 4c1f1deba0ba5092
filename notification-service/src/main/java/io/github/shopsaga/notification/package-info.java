/** Tells customers by e-mail how their order ended, exactly once per outcome. */
package io.github.shopsaga.notification;
