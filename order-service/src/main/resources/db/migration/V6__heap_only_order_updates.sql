-- An update of a row writes no index entries (a heap-only, HOT, update) when it changes no column
-- that an index refers to, a partial index's predicate included, and the row's page has room for
-- the new version. Each saga updates its order twice (reserved and priced, then confirmed or
-- cancelled), and both changed the status, which the deadline index's predicate named: every
-- update wrote a new entry into each of the table's three indexes, 8 index entries per saga.
--
-- The predicate now names a column that changes once, when the saga ends (PostgreSQL compares the
-- values: one set to what it was does not count as a change), so the first update can be
-- heap-only, and the last writes into the primary key and the customer index only. Adding a stored
-- column rewrites the table once, under an exclusive lock.
alter table orders
  add column saga_running boolean
    generated always as (status in ('PENDING', 'AWAITING_PAYMENT')) stored;
drop index orders_running_by_deadline;
create index orders_running_by_deadline on orders (deadline) where saga_running;

-- Room on each page for the versions of its rows that a saga writes within a second of placing
-- them (PostgreSQL prunes the dead ones when the page fills): an order is updated twice, a line
-- once (its price). Applies to pages written from now on.
alter table orders set (fillfactor = 70);
alter table order_item set (fillfactor = 80);
