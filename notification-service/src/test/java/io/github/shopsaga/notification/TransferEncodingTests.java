package io.github.shopsaga.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransferEncodingTests {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Your order 0193a5b0 is confirmed.\r\n\r\n2 x SKU-001\r\nTotal: 25.00 EUR\r\n",
        "",
        "Dear Zoë, your order for a crème brûlée set is confirmed.\n",
        "注文は確定しました。合計 2,500 円\n",
        "a bell \u0007 in the text\n",
        "tab\tseparated\ttext\n",
      })
  void choosesWhatJakartaMailWouldChoose(String body) throws Exception {
    assertThat(TransferEncoding.of(body)).isEqualTo(jakartaMailsChoice(body));
  }

  @ParameterizedTest
  @ValueSource(ints = {998, 999, 2000})
  void encodesLinesTooLongForSmtpAsJakartaMailWould(int length) throws Exception {
    String body = "x".repeat(length) + "\r\nshort line\r\n";

    assertThat(TransferEncoding.of(body)).isEqualTo(jakartaMailsChoice(body));
  }

  private static String jakartaMailsChoice(String body) throws Exception {
    return MimeUtility.getEncoding(new DataHandler(body, "text/plain; charset=UTF-8"));
  }
}
