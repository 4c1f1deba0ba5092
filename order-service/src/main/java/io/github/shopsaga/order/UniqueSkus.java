package io.github.shopsaga.order;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The items of an order name each sku at most once. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = UniqueSkus.Validator.class)
@interface UniqueSkus {

  String message() default "must not contain the same sku twice";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<UniqueSkus, List<PlaceOrderRequest.Item>> {

    @Override
    public boolean isValid(List<PlaceOrderRequest.Item> items, ConstraintValidatorContext context) {
      if (items == null) {
        return true;
      }
      Set<String> skus = new HashSet<>();
      return items.stream()
          .filter(Objects::nonNull)
          .map(PlaceOrderRequest.Item::sku)
          .filter(Objects::nonNull)
          .allMatch(skus::add);
    }
  }
}
