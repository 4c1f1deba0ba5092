package io.github.shopsaga.order;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface OrderRepository extends JpaRepository<Order, UUID> {

  /**
   * The order, row-locked until the transaction ends: changes of one order (and so its events in
   * the outbox) happen one after the other, whichever listener or request makes them.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from Order o where o.id = :id")
  Optional<Order> findForUpdate(UUID id);

  Page<Order> findByCustomerId(String customerId, Pageable pageable);
}
