package io.github.shopsaga.inventory;

import io.github.shopsaga.web.ApiAccessRules;
import io.github.shopsaga.web.Caller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call what: anyone browses the catalogue; staff add products and restock. */
@Configuration(proxyBeanMethods = false)
class AccessRules {

  @Bean
  ApiAccessRules inventoryAccessRules() {
    return requests ->
        requests
            .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/*")
            .permitAll()
            .requestMatchers("/api/products", "/api/products/**")
            .hasAuthority("SCOPE_" + Caller.STAFF);
  }
}
