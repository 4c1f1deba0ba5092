package io.github.shopsaga.web;

import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service is an OAuth2 resource server: a request carries a JWT access token from the shop's
 * authorization server, checked for its signature (the issuer's published keys), issuer, audience
 * and expiry ({@code spring.security.oauth2.resourceserver.jwt.*} in the shared defaults). No
 * sessions and no cookies, so no CSRF tokens either. Health is anonymous; the rest of the actuator
 * and the API documentation are for staff; the service adds its own rules ({@link ApiAccessRules});
 * anything else needs a valid token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      ObjectProvider<ApiAccessRules> serviceRules,
      ObjectProvider<JwtDecoder> verifier)
      throws Exception {
    SecurityProblems problems = new SecurityProblems();
    http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(
            requests -> {
              requests
                  .requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                  .permitAll();
              serviceRules.orderedStream().forEach(rules -> rules.apply(requests));
              requests
                  .requestMatchers(
                      "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                  .hasAuthority("SCOPE_" + Caller.STAFF)
                  .anyRequest()
                  .authenticated();
            })
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .bearerTokenResolver(new BearerTokenHeader())
                    .jwt(
                        jwt ->
                            verifier.ifAvailable(
                                decoder ->
                                    jwt.decoder(new VerifiedTokens(decoder, Clock.systemUTC()))))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }

  /**
   * Spring Security observes nothing of its own: each request is still one {@code
   * http.server.requests} observation (its timer, its span when sampled), but not also one per
   * filter of the chain, one for the authentication and one for the authorization decision. Those
   * were about a fifth of order-service's CPU samples at 300 orders/s, more than the token check
   * itself. What is lost: the {@code spring.security.*} timers and spans; a refused token is still
   * answered 401 and counted under its status in {@code http.server.requests}.
   */
  @Bean
  SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /** Lets a controller method take the {@link Caller} of the request as a parameter. */
  @Bean
  WebMvcConfigurer callerArguments() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
      }
    };
  }

  static final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(
        MethodParameter parameter,
        ModelAndViewContainer mavContainer,
        NativeWebRequest webRequest,
        WebDataBinderFactory binderFactory) {
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      if (authentication != null && authentication.getPrincipal() instanceof Jwt token) {
        return Caller.of(token);
      }
      // The security rules let no anonymous request reach a method that asks who called.
      throw new IllegalStateException("No access token behind a request that needs a caller");
    }
  }
}
