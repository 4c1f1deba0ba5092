package io.github.shopsaga.testsupport;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How many rows of a table some work updated, and how many of those updates were heap-only (HOT: no
 * new index entries), as PostgreSQL counts them.
 */
public record TableUpdates(long all, long heapOnly) {

  /**
   * The updates of {@code table} that {@code work} makes, run in a transaction that the work's own
   * transactions on {@code dataSource} join. A connection's counters ({@code
   * pg_stat_xact_user_tables}) include its earlier transactions until it reports them, which it
   * does between transactions, so the difference within this one is the work's alone.
   */
  public static TableUpdates during(DataSource dataSource, String table, Runnable work) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    return new TransactionTemplate(new JdbcTransactionManager(dataSource))
        .execute(
            _ -> {
              TableUpdates before = counted(jdbc, table);
              work.run();
              TableUpdates after = counted(jdbc, table);
              return new TableUpdates(after.all - before.all, after.heapOnly - before.heapOnly);
            });
  }

  private static TableUpdates counted(JdbcClient jdbc, String table) {
    return jdbc.sql(
            """
            select pg_stat_get_xact_tuples_updated(?::regclass),
                   pg_stat_get_xact_tuples_hot_updated(?::regclass)""")
        .params(table, table)
        .query((row, _) -> new TableUpdates(row.getLong(1), row.getLong(2)))
        .single();
  }
}
