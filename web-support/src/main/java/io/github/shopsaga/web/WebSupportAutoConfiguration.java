package io.github.shopsaga.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Registers the problem handling, the request size limit, single-write responses to changes and the
 * resource server security in every servlet web service.
 */
// Before Spring Boot's default security filter chains, which stand back for this one.
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ProblemHandlingAdvice.class, ApiSecurityConfiguration.class})
public class WebSupportAutoConfiguration {

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter() {
    var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SingleWriteResponseFilter> singleWriteResponseFilter() {
    var registration = new FilterRegistrationBean<>(new SingleWriteResponseFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  /** The body problems of every service in its OpenAPI document, where springdoc is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(OpenApiCustomizer.class)
  static class DocumentationConfiguration {

    @Bean
    ProblemResponsesDocumentation bodyProblemsDocumentation() {
      return new ProblemResponsesDocumentation();
    }

    @Bean
    BearerTokenDocumentation bearerTokenDocumentation() {
      return new BearerTokenDocumentation();
    }
  }
}
