create table orders (
    id              uuid          primary key,
    customer_id     varchar(64)   not null,
    customer_email  varchar(254)  not null,
    status          varchar(20)   not null,
    failure_reason  varchar(30),
    total           numeric(14,2),
    currency        varchar(3)    not null,
    -- Set when payment-service charged the order, possibly before the stock was reserved.
    payment_id      uuid,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    version         bigint        not null
);
create index orders_by_customer on orders (customer_id, created_at desc, id desc);

create table order_item (
    order_id    uuid          not null references orders (id) on delete cascade,
    line_no     integer       not null,
    sku         varchar(64)   not null,
    quantity    integer       not null check (quantity > 0),
    unit_price  numeric(12,2),
    primary key (order_id, line_no)
);

-- Every event an order went through, published or received; id gives the order of recording.
create table order_history (
    id           bigserial     primary key,
    order_id     uuid          not null references orders (id) on delete cascade,
    event_id     uuid          not null,
    type         varchar(40)   not null,
    occurred_at  timestamptz   not null,
    reason       varchar(40),
    amount       numeric(14,2),
    currency     varchar(3)
);
create index order_history_by_order on order_history (order_id, id);

-- Idempotency-Key of POST /api/orders, scoped per customer. The key is claimed before the order
-- row is written in the same transaction, hence the deferred foreign key.
create table idempotency_key (
    customer_id   varchar(64)   not null,
    key           varchar(100)  not null,
    request_hash  varchar(64)   not null,
    order_id      uuid          not null references orders (id) deferrable initially deferred,
    created_at    timestamptz   not null default now(),
    primary key (customer_id, key)
);
