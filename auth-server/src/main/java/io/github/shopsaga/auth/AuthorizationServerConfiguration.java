package io.github.shopsaga.auth;

import static org.springframework.security.config.Customizer.withDefaults;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The authorization server: OAuth 2.1 and OpenID Connect endpoints (Spring Authorization Server),
 * the demo users and the shop's two clients.
 *
 * <ul>
 *   <li>{@code storefront}: a public client (no secret) for people in a browser, authorization code
 *       with PKCE. A customer is granted {@link ShopScopes#CUSTOMER}, staff {@link
 *       ShopScopes#STAFF}, never the other's: a request for a scope the person's role does not
 *       carry is refused ({@code invalid_scope}).
 *   <li>{@code shop-cli}: a confidential client for the command line, the back office and the load
 *       generator, client credentials: {@link ShopScopes#ACT_FOR_CUSTOMERS} and {@link
 *       ShopScopes#STAFF}. Client credentials because these callers are programs that act on their
 *       own authority, with no person at a browser to sign in; the scope says explicitly that the
 *       token acts for customers, and its subject says which client did.
 * </ul>
 *
 * <p>Access tokens are JWTs signed with RS256, with the shop's audience ({@code aud}); the signing
 * key is made at start-up and published at {@code /oauth2/jwks}, so a restart ends every token
 * issued before it (they are short-lived: {@code shop.auth.access-token-time-to-live}).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

  static final String STOREFRONT = "storefront";
  static final String CLI = "shop-cli";

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
    OAuth2AuthorizationServerConfigurer authorizationServer =
        new OAuth2AuthorizationServerConfigurer();
    http.securityMatcher(authorizationServer.getEndpointsMatcher())
        .with(
            authorizationServer,
            server ->
                server
                    .oidc(withDefaults())
                    .authorizationEndpoint(
                        endpoint -> endpoint.authenticationProviders(scopesByRole())))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        // A person who is not signed in yet is sent to the sign-in page.
        .exceptionHandling(
            exceptions ->
                exceptions.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain signIn(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(withDefaults());
    return http.build();
  }

  /** Refuses a person a scope their role does not carry, after the default checks. */
  private static Consumer<List<org.springframework.security.authentication.AuthenticationProvider>>
      scopesByRole() {
    return providers -> {
      for (var provider : providers) {
        if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
          codeRequests.setAuthenticationValidator(
              new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                  .andThen(AuthorizationServerConfiguration::checkScopesOfRole));
        }
      }
    };
  }

  private static void checkScopesOfRole(
      OAuth2AuthorizationCodeRequestAuthenticationContext context) {
    OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
    // Not signed in yet (anonymous, which Spring Security counts as authenticated): the endpoint
    // sends the person to sign in, and this check runs again when they come back.
    if (!(request.getPrincipal() instanceof Authentication person)
        || person instanceof AnonymousAuthenticationToken
        || !person.isAuthenticated()) {
      return;
    }
    Set<String> allowed = new HashSet<>(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE));
    for (GrantedAuthority authority : person.getAuthorities()) {
      allowed.addAll(ShopScopes.ofRole(authority.getAuthority()));
    }
    if (!allowed.containsAll(request.getScopes())) {
      throw new OAuth2AuthorizationCodeRequestAuthenticationException(
          new OAuth2Error(
              OAuth2ErrorCodes.INVALID_SCOPE,
              "A scope was requested that the signed-in user's role does not carry",
              null),
          request);
    }
  }

  @Bean
  RegisteredClientRepository clients(AuthSettings settings, PasswordEncoder passwords) {
    TokenSettings tokens =
        TokenSettings.builder().accessTokenTimeToLive(settings.accessTokenTimeToLive()).build();
    RegisteredClient storefront =
        RegisteredClient.withId(STOREFRONT)
            .clientId(STOREFRONT)
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUris(uris -> uris.addAll(settings.storefrontRedirectUris()))
            .postLogoutRedirectUris(
                uris -> uris.addAll(settings.storefrontPostLogoutRedirectUris()))
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .scope(ShopScopes.CUSTOMER)
            .scope(ShopScopes.STAFF)
            .clientSettings(
                ClientSettings.builder()
                    .requireProofKey(true)
                    .requireAuthorizationConsent(false)
                    .build())
            .tokenSettings(tokens)
            .build();
    RegisteredClient cli =
        RegisteredClient.withId(CLI)
            .clientId(CLI)
            .clientSecret(passwords.encode(settings.cliSecret()))
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scope(ShopScopes.ACT_FOR_CUSTOMERS)
            .scope(ShopScopes.STAFF)
            .tokenSettings(tokens)
            .build();
    return new InMemoryRegisteredClientRepository(storefront, cli);
  }

  @Bean
  UserDetailsService users(AuthSettings settings, PasswordEncoder passwords) {
    String password = passwords.encode(settings.demoPassword());
    List<UserDetails> users = new ArrayList<>();
    settings
        .customers()
        .forEach(
            name ->
                users.add(User.withUsername(name).password(password).roles("CUSTOMER").build()));
    settings
        .staff()
        .forEach(
            name -> users.add(User.withUsername(name).password(password).roles("STAFF").build()));
    return new InMemoryUserDetailsManager(users);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** The shop's audience on every access token. */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> audience(AuthSettings settings) {
    return context -> {
      if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
        context.getClaims().audience(List.of(settings.audience()));
      }
    };
  }

  @Bean
  JWKSource<SecurityContext> signingKeys() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    RSAKey key =
        new RSAKey.Builder((RSAPublicKey) keys.getPublic())
            .privateKey(keys.getPrivate())
            .keyID(UUID.randomUUID().toString())
            .build();
    return new ImmutableJWKSet<>(new JWKSet(key));
  }

  /** Reads the server's own tokens, for the OpenID Connect user info endpoint. */
  @Bean
  JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKeys) {
    return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(AuthSettings settings) {
    return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
  }
}
