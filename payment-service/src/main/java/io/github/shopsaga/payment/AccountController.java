package io.github.shopsaga.payment;

import static io.github.shopsaga.payment.ApiExamples.ACCOUNT;
import static io.github.shopsaga.payment.ApiExamples.CONFLICT_PROBLEM;
import static io.github.shopsaga.payment.ApiExamples.NOT_FOUND_PROBLEM;
import static io.github.shopsaga.payment.ApiExamples.OPEN_ACCOUNT;
import static io.github.shopsaga.payment.ApiExamples.VALIDATION_PROBLEM;

import io.github.shopsaga.web.ApiProblems;
import io.github.shopsaga.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@Tag(name = "Accounts")
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

  @Operation(
      summary = "Open an account",
      description =
          """
          customerId: 1-64 of [A-Za-z0-9._-]; balance: 0-1,000,000,000 with at most 2 \
          decimals.""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples = @ExampleObject(name = "alice", value = OPEN_ACCOUNT))))
  @ApiResponse(
      responseCode = "201",
      description = "The account",
      headers = @Header(name = "Location", description = "/api/accounts/{customerId}"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = AccountResponse.class),
              examples = @ExampleObject(name = "alice", value = ACCOUNT)))
  @ApiResponse(
      responseCode = "400",
      description = "Malformed JSON or invalid fields (listed in errors)",
      content =
          @Content(examples = @ExampleObject(name = "invalid fields", value = VALIDATION_PROBLEM)))
  @ApiResponse(
      responseCode = "409",
      description = "The customer has an account already",
      content = @Content(examples = @ExampleObject(name = "duplicate", value = CONFLICT_PROBLEM)))
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

  @Operation(summary = "A customer's account and balance")
  @ApiResponse(
      responseCode = "200",
      description = "The account",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = AccountResponse.class),
              examples = @ExampleObject(name = "alice", value = ACCOUNT)))
  @ApiResponse(
      responseCode = "404",
      description = "No account for this customer",
      content =
          @Content(examples = @ExampleObject(name = "unknown customer", value = NOT_FOUND_PROBLEM)))
  @GetMapping("/api/accounts/{customerId}")
  AccountResponse get(
      @PathVariable
          @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 of A-Z a-z 0-9 . _ -")
          String customerId,
      Caller caller) {
    // Another customer's account is answered as an unknown one: ids cannot be probed.
    return accounts
        .findById(customerId)
        .filter(account -> caller.maySeeOf(customerId))
        .map(AccountResponse::of)
        .orElseThrow(
            () -> ApiProblems.notFound("No account for customer '%s'".formatted(customerId)));
  }
}
