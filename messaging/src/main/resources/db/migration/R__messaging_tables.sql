-- Tables of the shared messaging module, in every service's own database.
-- A repeatable migration written to be re-run safely: evolve it additively
-- (IF NOT EXISTS), so it never collides with a service's versioned migrations.

-- Transactional outbox: events written in the same transaction as the state
-- change they announce, published to Kafka in id order right after commit,
-- and deleted once the broker has acknowledged them.
create table if not exists outbox (
    id          bigserial    primary key,
    topic       varchar(100) not null,
    record_key  varchar(100) not null,
    event_type  varchar(100) not null,
    payload     text         not null,
    created_at  timestamptz  not null default now()
);

-- Idempotent consumers: the event ids already applied, recorded in the same
-- transaction as their effect. Purged after the configured retention.
create table if not exists processed_event (
    event_id     uuid        primary key,
    processed_at timestamptz not null default now()
);
create index if not exists processed_event_processed_at on processed_event (processed_at);

-- Trace context of the transaction that recorded the event (W3C traceparent,
-- ...), sent as record headers so the saga's trace continues in the consumers.
alter table outbox add column if not exists headers text;

-- Outbox rows the broker refused for good (too large, not a valid record): moved here so they
-- never block the rows behind them. An operator can inspect them and, after a fix, move them
-- back with an insert into outbox ... select.
create table if not exists outbox_dead_letter (
    id          bigint       primary key,
    topic       varchar(100) not null,
    record_key  varchar(100) not null,
    event_type  varchar(100) not null,
    payload     text         not null,
    headers     text,
    created_at  timestamptz  not null,
    failed_at   timestamptz  not null default now(),
    error       text         not null
);
