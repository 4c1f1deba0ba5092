package io.github.shopsaga.inventory;

import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ProductRepository extends JpaRepository<Product, String> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from Product p where p.sku = :sku")
  Optional<Product> lock(String sku);

  /** Adds a product unless its sku exists; returns 0 when it does (the primary key decides). */
  @Modifying
  @Query(
      nativeQuery = true,
      value =
          """
          insert into product (sku, name, unit_price, available, reserved)
          values (:sku, :name, :unitPrice, :stock, 0)
          on conflict (sku) do nothing""")
  int insertIfAbsent(String sku, String name, BigDecimal unitPrice, int stock);
}
