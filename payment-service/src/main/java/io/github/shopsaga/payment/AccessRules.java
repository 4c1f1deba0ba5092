package io.github.shopsaga.payment;

import io.github.shopsaga.web.ApiAccessRules;
import io.github.shopsaga.web.Caller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what: staff open accounts; a customer reads their own account and payments, staff
 * and clients acting for customers anyone's (checked in the controllers, where another customer's
 * resource answers as an unknown one).
 */
@Configuration(proxyBeanMethods = false)
class AccessRules {

  @Bean
  ApiAccessRules paymentAccessRules() {
    return requests ->
        requests
            .requestMatchers(HttpMethod.POST, "/api/accounts")
            .hasAuthority("SCOPE_" + Caller.STAFF);
  }
}
