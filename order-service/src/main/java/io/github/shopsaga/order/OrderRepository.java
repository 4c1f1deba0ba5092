package io.github.shopsaga.order;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
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

  /**
   * Up to {@code limit} orders whose saga still runs past its deadline, oldest deadline first,
   * row-locked until the transaction ends. Rows another transaction holds (a listener applying an
   * event, another instance's sweep) are skipped, not waited for: they are picked up next time if
   * still due.
   */
  @Query(
      value =
          """
          select * from orders
          where status in ('PENDING', 'AWAITING_PAYMENT') and deadline <= :now
          order by deadline
          limit :limit
          for update skip locked
          """,
      nativeQuery = true)
  List<Order> findDueForUpdate(Instant now, int limit);

  Page<Order> findByCustomerId(String customerId, Pageable pageable);
}
