package io.github.shopsaga.inventory;

import io.github.shopsaga.web.ApiProblems;
import java.math.BigDecimal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes to the catalogue requested over HTTP. */
@Service
class Catalogue {

  private final ProductRepository products;

  Catalogue(ProductRepository products) {
    this.products = products;
  }

  /** Adds a product; a sku that exists already, even one added concurrently, is a conflict. */
  @Transactional
  Product add(String sku, String name, BigDecimal unitPrice, int stock) {
    if (products.insertIfAbsent(sku, name, unitPrice, stock) == 0) {
      throw ApiProblems.conflict("A product with sku %s exists already".formatted(sku));
    }
    return products.findById(sku).orElseThrow();
  }

  @Transactional
  Product restock(String sku, int quantity) {
    Product product =
        products
            .lock(sku)
            .orElseThrow(() -> ApiProblems.notFound("No product with sku %s".formatted(sku)));
    try {
      product.restock(quantity);
    } catch (ArithmeticException tooMuch) {
      throw ApiProblems.conflict("Stock of %s cannot grow that large".formatted(sku));
    }
    return product;
  }
}
