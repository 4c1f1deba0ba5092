package io.github.shopsaga.testsupport;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Every MockMvc request of a service's tests carries the back office's token ({@link
 * Tokens#backOffice()}) unless the test applies another caller ({@code .with(Tokens.customer(..))},
 * {@code .with(anonymous())}), which then wins: tests about what a request does need not repeat who
 * sends it, and the access tests say it every time.
 */
@AutoConfiguration
public class BackOfficeMockMvc {

  @Bean
  MockMvcBuilderCustomizer backOfficeByDefault() {
    return builder -> builder.defaultRequest(get("/").with(Tokens.backOffice()));
  }
}
