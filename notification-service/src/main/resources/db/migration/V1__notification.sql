-- One e-mail per outcome of an order: the unique key is what makes a redelivered
-- or repeated event a no-op. The row is also the e-mail's outbox: PENDING rows
-- are sent by the dispatcher, retried with backoff until SENT or FAILED.
create table notification (
    id              uuid          primary key,
    order_id        uuid          not null,
    type            varchar(32)   not null,
    recipient       varchar(320)  not null,
    subject         varchar(200)  not null,
    body            text          not null,
    status          varchar(16)   not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(1000),
    created_at      timestamptz   not null,
    sent_at         timestamptz,
    constraint notification_one_per_outcome unique (order_id, type)
);

create index notification_due on notification (next_attempt_at) where status = 'PENDING';
