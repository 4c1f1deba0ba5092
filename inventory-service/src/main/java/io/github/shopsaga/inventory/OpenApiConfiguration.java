package io.github.shopsaga.inventory;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Configuration;

/** What {@code /v3/api-docs} and {@code /swagger-ui.html} say about inventory-service. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "inventory-service",
            version = "0.1.0",
            description =
                """
                The catalogue, its prices and its stock: the price authority of shop-saga. \
                `available` is what new orders can still reserve; `reserved` is held by orders \
                not yet paid. Orders reserve and release stock through events, not this API. \
                Errors are application/problem+json (RFC 9457); validation errors list the \
                invalid fields in `errors`."""),
    tags = @Tag(name = "Products", description = "Add, look up and restock products"))
class OpenApiConfiguration {}
