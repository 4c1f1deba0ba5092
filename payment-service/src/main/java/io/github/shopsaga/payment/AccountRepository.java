package io.github.shopsaga.payment;

import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface AccountRepository extends Repository<Account, String> {

  Optional<Account> findById(String customerId);

  boolean existsById(String customerId);

  /**
   * Opens an account unless one exists for the customer; returns 1 if it was opened. The primary
   * key decides between concurrent requests for the same customer.
   */
  @Transactional
  @Modifying
  @Query(
      value =
          "insert into account (customer_id, balance) values (:customerId, :balance)"
              + " on conflict (customer_id) do nothing",
      nativeQuery = true)
  int open(@Param("customerId") String customerId, @Param("balance") BigDecimal balance);
}
