package io.github.shopsaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.github.shopsaga.web.WebSupportAutoConfiguration;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(AccountController.class)
@ImportAutoConfiguration(WebSupportAutoConfiguration.class)
class AccountControllerTests {

  @Autowired private MockMvcTester mvc;

  @MockitoBean private AccountRepository accounts;

  @Test
  void opensAnAccount() {
    given(accounts.open("alice", new BigDecimal("100.00"))).willReturn(1);

    assertThat(
            mvc.post()
                .uri("/api/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerId\":\"alice\",\"balance\":100}"))
        .hasStatus(HttpStatus.CREATED)
        .hasHeader("Location", "/api/accounts/alice")
        .bodyJson()
        .isStrictlyEqualTo("{\"customerId\":\"alice\",\"balance\":100.00}");
  }

  @Test
  void ignoresFieldsTheContractDoesNotList() {
    given(accounts.open("alice", new BigDecimal("5.50"))).willReturn(1);

    assertThat(
            mvc.post()
                .uri("/api/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"customerId\":\"alice\",\"balance\":5.5,\"status\":\"VIP\",\"credit\":1e9}"))
        .hasStatus(HttpStatus.CREATED);
    verify(accounts).open("alice", new BigDecimal("5.50"));
  }

  @Test
  void refusesASecondAccountForTheSameCustomer() {
    given(accounts.open(anyString(), any())).willReturn(0);

    assertThat(
            mvc.post()
                .uri("/api/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerId\":\"alice\",\"balance\":1}"))
        .hasStatus(HttpStatus.CONFLICT)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"customerId\":\"bad id\",\"balance\":10}",
        "{\"customerId\":\"\",\"balance\":10}",
        "{\"customerId\":\"a/b\",\"balance\":10}",
        "{\"balance\":10}",
        "{\"customerId\":\"alice\",\"balance\":-0.01}",
        "{\"customerId\":\"alice\",\"balance\":1000000000.01}",
        "{\"customerId\":\"alice\",\"balance\":10.001}",
        "{\"customerId\":\"alice\"}"
      })
  void rejectsAnInvalidAccountWithoutOpeningIt(String body) {
    assertThat(
            mvc.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(body))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .extractingPath("$.errors[0].field")
        .isIn("customerId", "balance");
    verify(accounts, never()).open(any(), any());
  }

  @Test
  void rejectsATooLongCustomerId() {
    String body = "{\"customerId\":\"%s\",\"balance\":1}".formatted("a".repeat(65));

    assertThat(
            mvc.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(body))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .extractingPath("$.errors[0].field")
        .isEqualTo("customerId");
    verify(accounts, never()).open(any(), any());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"customerId\":\"alice\",\"balance\":",
        "not json",
        "{\"customerId\":\"alice\",\"balance\":\"lots\"}",
        ""
      })
  void rejectsAnUnreadableBody(String body) {
    assertThat(
            mvc.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(body))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .extractingPath("$.status")
        .isEqualTo(400);
    verify(accounts, never()).open(any(), any());
  }

  @Test
  void rejectsAnotherContentType() {
    assertThat(
            mvc.post()
                .uri("/api/accounts")
                .contentType(MediaType.TEXT_PLAIN)
                .content("{\"customerId\":\"alice\",\"balance\":1}"))
        .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    verify(accounts, never()).open(any(), any());
  }

  @Test
  void rejectsABodyOverOneMebibyte() {
    String body =
        "{\"customerId\":\"alice\",\"balance\":1,\"padding\":\"%s\"}"
            .formatted("x".repeat(1024 * 1024));

    assertThat(
            mvc.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(body))
        .hasStatus(HttpStatus.CONTENT_TOO_LARGE)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    verify(accounts, never()).open(any(), any());
  }

  @Test
  void showsAnAccount() {
    Account account = Mockito.mock(Account.class);
    given(account.customerId()).willReturn("bob");
    given(account.balance()).willReturn(new BigDecimal("20.00"));
    given(accounts.findById("bob")).willReturn(Optional.of(account));

    assertThat(mvc.get().uri("/api/accounts/bob"))
        .hasStatusOk()
        .bodyJson()
        .isStrictlyEqualTo("{\"customerId\":\"bob\",\"balance\":20.00}");
  }

  @Test
  void answersNotFoundForAnUnknownAccount() {
    given(accounts.findById("nobody")).willReturn(Optional.empty());

    assertThat(mvc.get().uri("/api/accounts/nobody"))
        .hasStatus(HttpStatus.NOT_FOUND)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("No account for customer 'nobody'");
  }

  @Test
  void refusesAnInvalidCustomerIdInThePathBeforeLookingItUpOrEchoingIt() {
    assertThat(mvc.get().uri("/api/accounts/{id}", "<b>" + "x".repeat(500)))
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson()
        .extractingPath("$.errors[0].field")
        .isEqualTo("customerId");
    verifyNoInteractions(accounts);
  }
}
