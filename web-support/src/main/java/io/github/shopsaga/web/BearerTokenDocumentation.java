package io.github.shopsaga.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Documents the access tokens in every service's OpenAPI document: a bearer JWT of the shop's
 * authorization server, required by every operation but those that declare an empty
 * {@code @SecurityRequirements} (browsing the catalogue), so that Swagger UI offers to send one.
 */
class BearerTokenDocumentation implements OpenApiCustomizer {

  static final String SCHEME = "bearer";

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(new Components());
    }
    openApi
        .getComponents()
        .addSecuritySchemes(
            SCHEME,
            new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description(
                    "An access token of the shop's authorization server (auth-server, port 9000)."
                        + " Scopes: shop.customer (act as the token's subject), "
                        + "shop.act-for-customers (act for the customer a request names), "
                        + "shop.staff (run the shop, read everything). Missing or invalid: 401;"
                        + " valid without the scope an operation needs: 403."));
    openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
  }
}
