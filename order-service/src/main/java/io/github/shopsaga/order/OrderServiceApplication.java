package io.github.shopsaga.order;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableConfigurationProperties(ShopSettings.class)
@EnableSpringDataWebSupport(
    pageSerializationMode = EnableSpringDataWebSupport.PageSerializationMode.VIA_DTO)
// The saga deadline is swept on a schedule (OrderDeadlines); messaging enables scheduling too.
@EnableScheduling
public class OrderServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrderServiceApplication.class, args);
  }

  /**
   * Names the pooled connections after this instance, so that {@link OrderChangeFeed} tells its own
   * announcements of order changes from those of other instances.
   */
  @Bean
  static BeanPostProcessor connectionsNamedAfterTheInstance() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
          pool.addDataSourceProperty("ApplicationName", OrderChangeFeed.INSTANCE);
        }
        return bean;
      }
    };
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
