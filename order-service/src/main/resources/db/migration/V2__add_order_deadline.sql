-- The saga deadline: a PENDING or AWAITING_PAYMENT order past it is cancelled as TIMED_OUT.
-- Orders placed before this column existed get the default timeout of 60 seconds.
alter table orders add column deadline timestamptz;
update orders set deadline = created_at + interval '60 seconds';
alter table orders alter column deadline set not null;

-- Only orders whose saga still runs are indexed: the sweeper looks up the due ones by deadline.
create index orders_running_by_deadline on orders (deadline)
    where status in ('PENDING', 'AWAITING_PAYMENT');
