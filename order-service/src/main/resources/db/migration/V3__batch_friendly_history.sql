-- The history is written a batch at a time by code that holds the order's row lock, and never
-- deleted on its own: the foreign key to orders cost a lookup and a row lock per history row.
alter table order_history drop constraint order_history_order_id_fkey;

-- One entry per event and order: a replayed event older than the inbox's memory is not listed
-- twice. The index also serves the history of an order.
drop index order_history_by_order;
create unique index order_history_by_order on order_history (order_id, event_id);
