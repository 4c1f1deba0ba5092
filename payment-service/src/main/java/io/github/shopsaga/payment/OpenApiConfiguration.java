package io.github.shopsaga.payment;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Configuration;

/** What {@code /v3/api-docs} and {@code /swagger-ui.html} say about payment-service. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "payment-service",
            version = "0.1.0",
            description =
                """
                Customer accounts and the payments of orders (a simulated payment provider). An \
                order is charged when its stock is reserved, if the balance covers its total; \
                otherwise its payment is DECLINED. A cancelled order's charge is REFUNDED. Errors \
                are application/problem+json (RFC 9457); validation errors list the invalid \
                fields in `errors`."""),
    tags = {
      @Tag(name = "Accounts", description = "Open and look up customer accounts"),
      @Tag(name = "Payments", description = "What was charged, declined or refunded per order")
    })
class OpenApiConfiguration {}
