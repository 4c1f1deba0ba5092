package io.github.shopsaga.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the shop, under {@code shop}.
 *
 * @param currency the currency of every price and total (ISO 4217 code)
 */
@ConfigurationProperties("shop")
record ShopSettings(@DefaultValue("EUR") String currency) {}
