package io.github.shopsaga.payment;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

interface PaymentRepository extends Repository<Payment, UUID> {

  Payment saveAndFlush(Payment payment);

  Optional<Payment> findByOrderId(UUID orderId);

  boolean existsByOrderId(UUID orderId);
}
