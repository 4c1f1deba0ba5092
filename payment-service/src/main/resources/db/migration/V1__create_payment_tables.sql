-- Customer accounts of the simulated payment provider. The check on balance is
-- what makes concurrent charges safe: a charge is one conditional update, and
-- the database never lets a balance go below zero.
create table account (
    customer_id varchar(64)    primary key check (customer_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    balance     numeric(14, 2) not null check (balance >= 0)
);

-- At most one payment per order, whatever is redelivered: the unique order_id
-- makes a concurrent duplicate charge fail and roll back.
create table payment (
    payment_id  uuid           primary key,
    order_id    uuid           not null unique,
    customer_id varchar(255)   not null,
    amount      numeric(14, 2) not null check (amount > 0),
    currency    varchar(3)     not null,
    status      varchar(16)    not null check (status in ('CHARGED', 'DECLINED', 'REFUNDED')),
    reason      varchar(32)    check (reason in ('INSUFFICIENT_FUNDS', 'UNKNOWN_CUSTOMER')),
    created_at  timestamptz    not null,
    updated_at  timestamptz    not null,
    check ((status = 'DECLINED') = (reason is not null))
);
create index payment_customer_id on payment (customer_id);

-- Orders known to be cancelled: a StockReserved that arrives after the
-- cancellation (another topic, so either order is possible) is never charged.
create table cancelled_order (
    order_id     uuid        primary key,
    cancelled_at timestamptz not null default now()
);
