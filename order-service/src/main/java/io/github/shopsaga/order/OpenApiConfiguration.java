package io.github.shopsaga.order;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Configuration;

/** What {@code /v3/api-docs} and {@code /swagger-ui.html} say about order-service. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "order-service",
            version = "0.1.0",
            description =
                """
                The public entry point of shop-saga. Placing an order answers 202 at once with the \
                order PENDING; the saga then runs asynchronously (inventory reserves and prices, \
                payment charges) and the order ends CONFIRMED, REJECTED or CANCELLED. Errors are \
                application/problem+json (RFC 9457); validation errors list the invalid fields in \
                `errors`."""),
    tags = @Tag(name = "Orders", description = "Place, follow and cancel orders"))
class OpenApiConfiguration {}
