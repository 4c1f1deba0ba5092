package io.github.shopsaga.payment;

import io.github.shopsaga.web.ApiProblems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
class AccountController {

  private final AccountRepository accounts;

  AccountController(AccountRepository accounts) {
    this.accounts = accounts;
  }

  record OpenAccountRequest(
      @NotNull
          @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 of A-Z a-z 0-9 . _ -")
          String customerId,
      @NotNull @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 2)
          BigDecimal balance) {}

  record AccountResponse(String customerId, BigDecimal balance) {

    static AccountResponse of(Account account) {
      return new AccountResponse(account.customerId(), account.balance());
    }
  }

  @PostMapping("/api/accounts")
  ResponseEntity<AccountResponse> open(@Valid @RequestBody OpenAccountRequest request) {
    BigDecimal balance = request.balance().setScale(2, RoundingMode.UNNECESSARY);
    if (accounts.open(request.customerId(), balance) == 0) {
      throw ApiProblems.conflict(
          "An account for customer '%s' exists already".formatted(request.customerId()));
    }
    URI location =
        UriComponentsBuilder.fromPath("/api/accounts/{customerId}")
            .buildAndExpand(request.customerId())
            .toUri();
    return ResponseEntity.created(location)
        .body(new AccountResponse(request.customerId(), balance));
  }

  @GetMapping("/api/accounts/{customerId}")
  AccountResponse get(@PathVariable String customerId) {
    return accounts
        .findById(customerId)
        .map(AccountResponse::of)
        .orElseThrow(
            () -> ApiProblems.notFound("No account for customer '%s'".formatted(customerId)));
  }
}
