package io.github.shopsaga.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the authorization server, under {@code shop.auth}.
 *
 * @param issuer the {@code iss} of every token, and where clients find the server's metadata; the
 *     services accept only tokens of this issuer
 * @param audience the {@code aud} of every access token: the shop's services, which refuse tokens
 *     meant for anything else
 * @param accessTokenTimeToLive how long an access token is valid
 * @param customers the demo customers' user names (their customer ids in the shop)
 * @param staff the demo staff user names
 * @param demoPassword the password of every demo user
 * @param cliSecret the secret of the {@code shop-cli} client (client credentials)
 * @param storefrontRedirectUris where the {@code storefront} client may be sent back after sign-in
 * @param storefrontPostLogoutRedirectUris where the {@code storefront} client may send people back
 *     after they signed out here (OpenID Connect RP-initiated logout)
 */
@ConfigurationProperties("shop.auth")
record AuthSettings(
    @DefaultValue("http://localhost:9000") String issuer,
    @DefaultValue("shop") String audience,
    @DefaultValue("15m") Duration accessTokenTimeToLive,
    @DefaultValue({"alice", "bob", "carol", "dave"}) List<String> customers,
    @DefaultValue("staff") List<String> staff,
    String demoPassword,
    String cliSecret,
    @DefaultValue("http://127.0.0.1:8090/signed-in") List<String> storefrontRedirectUris,
    @DefaultValue("http://127.0.0.1:8090/") List<String> storefrontPostLogoutRedirectUris) {}
