package io.github.shopsaga.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Function;

/**
 * The columns of a batch of rows as the arrays that {@code unnest(?, ?, ...)} turns back into rows,
 * so that a whole batch is written with one statement. PgJDBC binds {@code UUID[]}, {@code int[]},
 * {@code long[]} and {@code String[]} directly; timestamps and decimals travel as text and are cast
 * in the statement ({@code ?::timestamptz[]}, {@code ?::numeric[]}).
 */
public final class SqlArrays {

  private SqlArrays() {}

  public static <T> UUID[] uuids(Collection<T> rows, Function<? super T, UUID> column) {
    return rows.stream().map(column).toArray(UUID[]::new);
  }

  public static <T> String[] texts(Collection<T> rows, Function<? super T, ?> column) {
    return rows.stream()
        .map(column)
        .map(value -> value == null ? null : value.toString())
        .toArray(String[]::new);
  }

  /** For a {@code ?::timestamptz[]} parameter. */
  public static <T> String[] timestamps(Collection<T> rows, Function<? super T, Instant> column) {
    return texts(rows, column);
  }

  /** For a {@code ?::numeric[]} parameter. */
  public static <T> String[] decimals(Collection<T> rows, Function<? super T, BigDecimal> column) {
    return rows.stream()
        .map(column)
        .map(value -> value == null ? null : value.toPlainString())
        .toArray(String[]::new);
  }

  public static <T> int[] ints(Collection<T> rows, Function<? super T, Integer> column) {
    return rows.stream().map(column).mapToInt(Integer::intValue).toArray();
  }

  public static <T> long[] longs(Collection<T> rows, Function<? super T, Long> column) {
    return rows.stream().map(column).mapToLong(Long::longValue).toArray();
  }
}
