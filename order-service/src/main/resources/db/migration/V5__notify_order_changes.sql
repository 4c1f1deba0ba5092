-- Every committed change of an order is announced to every order-service instance (LISTEN
-- order_changes), so that a client following its orders on one instance learns of the changes
-- another instance commits. One notification per statement, not per row: a batch of orders written
-- by one statement costs one notification per sixty orders (a notification's payload is limited
-- to 8,000 bytes; an entry is at most 64 + 36 characters and a dozen of punctuation). The payload is
-- {"from": the writing connection's application_name, which names the instance, "orders":
-- [[customer_id, id], ...]}; PostgreSQL delivers it when, and only if, the transaction commits.
create function notify_order_changes() returns trigger
language plpgsql as $$
declare
  chunk json;
begin
  for chunk in
    select json_agg(json_build_array(customer_id, id))
    from (select customer_id, id, (row_number() over () - 1) / 60 as part from changed) numbered
    group by part
  loop
    perform pg_notify(
      'order_changes',
      json_build_object('from', current_setting('application_name'), 'orders', chunk)::text);
  end loop;
  return null;
end $$;

create trigger orders_inserted after insert on orders
  referencing new table as changed
  for each statement execute function notify_order_changes();

create trigger orders_updated after update on orders
  referencing new table as changed
  for each statement execute function notify_order_changes();
