-- The catalogue: inventory is the price authority. The checks are the last line of defence
-- against overselling: no transaction can ever leave a negative stock behind.
create table product (
    sku        varchar(64)   primary key,
    name       varchar(200)  not null,
    unit_price numeric(12, 2) not null check (unit_price > 0),
    available  integer       not null check (available >= 0),
    reserved   integer       not null check (reserved >= 0)
);

-- One row per order that inventory has heard of; the primary key makes every order reserve at
-- most once. A RELEASED row without lines is the tombstone of an order cancelled before it was
-- placed here, so a late OrderPlaced never reserves for it.
create table reservation (
    order_id         uuid           primary key,
    status           varchar(16)    not null
        check (status in ('RESERVED', 'COMMITTED', 'RELEASED', 'REJECTED')),
    customer_id      varchar(200),
    total            numeric(14, 2),
    currency         varchar(3),
    rejection_reason varchar(32),
    created_at       timestamptz    not null,
    updated_at       timestamptz    not null
);

create table reservation_line (
    order_id   uuid           not null references reservation (order_id),
    sku        varchar(64)    not null,
    quantity   integer        not null check (quantity > 0),
    unit_price numeric(12, 2) not null,
    primary key (order_id, sku)
);
