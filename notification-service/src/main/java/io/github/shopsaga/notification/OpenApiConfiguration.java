package io.github.shopsaga.notification;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Configuration;

/** What {@code /v3/api-docs} and {@code /swagger-ui.html} say about notification-service. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "notification-service",
            version = "0.1.0",
            description =
                """
                What the customer was told: exactly one e-mail per outcome of an order \
                (ORDER_CONFIRMED, ORDER_REJECTED, ORDER_CANCELLED), sent over SMTP to the \
                order's customerEmail. Errors are application/problem+json (RFC 9457)."""),
    tags = @Tag(name = "Notifications", description = "The e-mails sent about an order"))
class OpenApiConfiguration {}
