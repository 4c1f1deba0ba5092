package io.github.shopsaga.messaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writes of a batch, sent to PostgreSQL as one statement: each write becomes a data-modifying
 * common table expression ({@code with w1 as (insert ...), w2 as (update ...) select 1}), so a
 * batch that changes four tables costs one round trip instead of four. The {@link Outbox} can end
 * the same statement with its own insert ({@link Outbox#publishAll(List, SqlWrites)}).
 *
 * <p>PostgreSQL runs every data-modifying expression exactly once and to completion, in the
 * statement's transaction, whether or not anything reads its result. They all see the rows as they
 * were before the statement, so no two writes may touch the same row: a row inserted here cannot be
 * updated here too (the stores keep new rows and changed rows in separate writes).
 */
public final class SqlWrites {

  private final List<String> statements = new ArrayList<>();
  private final List<Object> parameters = new ArrayList<>();

  /**
   * Adds an {@code insert}, {@code update} or {@code delete} without {@code returning}, with its
   * positional ({@code ?}) parameters.
   */
  public SqlWrites add(String statement, Object... parameters) {
    statements.add(statement);
    this.parameters.addAll(Arrays.asList(parameters));
    return this;
  }

  /** Runs the writes, if any, as one statement. */
  public void execute(JdbcClient jdbc) {
    if (statements.size() == 1) {
      jdbc.sql(statements.getFirst()).params(parameters).update();
    } else if (!statements.isEmpty()) {
      jdbc.sql(prefix() + "select 1").params(parameters).query().singleValue();
    }
  }

  /**
   * The writes, then {@code statement} (which may return rows) with its {@code parameters}, as one
   * statement; for {@code statement} to read its result.
   */
  JdbcClient.StatementSpec before(JdbcClient jdbc, String statement, Object... parameters) {
    List<Object> all = new ArrayList<>(this.parameters);
    all.addAll(Arrays.asList(parameters));
    return jdbc.sql(prefix() + statement).params(all);
  }

  /** {@code with w1 as (...), w2 as (...) }, or nothing when there are no writes. */
  private String prefix() {
    if (statements.isEmpty()) {
      return "";
    }
    StringBuilder sql = new StringBuilder("with ");
    for (int i = 0; i < statements.size(); i++) {
      if (i > 0) {
        sql.append(",\n");
      }
      sql.append('w').append(i + 1).append(" as (\n").append(statements.get(i)).append(")");
    }
    return sql.append('\n').toString();
  }
}
