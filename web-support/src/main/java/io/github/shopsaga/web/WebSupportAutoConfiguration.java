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

/** Registers the problem handling and the request size limit in every servlet web service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemHandlingAdvice.class)
public class WebSupportAutoConfiguration {

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter() {
    var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
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
  }
}
