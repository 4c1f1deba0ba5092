-- A statement announces its orders only while another order-service instance listens. An instance
-- tells its own clients of its own changes from memory, so a single instance used to announce
-- every writing statement to nobody: each one built the payload, and its commit queued the
-- notification and woke every listening connection of the database (the change feed's and the
-- outbox's), about 0.1 ms of CPU per saga at 400 orders/s (docs/benchmarks.md, step 15).
--
-- OrderChangeFeed registers its instance here once it listens, and removes it when it stops; rows
-- of instances whose feed connection is gone are removed by the others. The registration locks
-- orders in SHARE mode, which waits for every transaction that has written orders and blocks new
-- writers until it commits: a statement either sees the new listener or belonged to a transaction
-- that committed before the listener took its first client.
create table order_change_listener (
  instance text primary key,
  registered_at timestamptz not null default now()
);

-- The function is V5's with the check in front; the rest is repeated, as an applied migration is
-- never edited.
create or replace function notify_order_changes() returns trigger
language plpgsql as $$
declare
  chunk json;
begin
  if not exists (
      select from order_change_listener
      where instance <> current_setting('application_name')) then
    return null;
  end if;
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
