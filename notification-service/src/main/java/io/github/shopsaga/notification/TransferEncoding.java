package io.github.shopsaga.notification;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The {@code Content-Transfer-Encoding} of an e-mail's UTF-8 text, chosen as Jakarta Mail would
 * choose it ({@code MimeUtility.getEncoding}): {@code 7bit} for ASCII in lines of at most 998
 * bytes, {@code quoted-printable} for mostly ASCII, {@code base64} otherwise. Given with the
 * message, it spares Jakarta Mail writing every body out once through its content handler just to
 * count its bytes, which was 9% of the dispatcher's CPU (docs/benchmarks.md, step 18).
 */
final class TransferEncoding {

  /** The longest line SMTP carries without encoding: 1,000 bytes, CRLF included. */
  private static final int MAX_LINE_BYTES = 998;

  private TransferEncoding() {}

  static String of(String text) {
    int ascii = 0;
    int nonAscii = 0;
    int lineLength = 0;
    boolean longLine = false;
    for (byte b : text.getBytes(UTF_8)) {
      int octet = b & 0xff;
      if (octet == '\r' || octet == '\n') {
        lineLength = 0;
      } else if (++lineLength > MAX_LINE_BYTES) {
        longLine = true;
      }
      if (octet >= 0177 || (octet < 040 && octet != '\r' && octet != '\n' && octet != '\t')) {
        nonAscii++;
      } else {
        ascii++;
      }
    }
    if (nonAscii == 0) {
      return longLine ? "quoted-printable" : "7bit";
    }
    return ascii > nonAscii ? "quoted-printable" : "base64";
  }
}
