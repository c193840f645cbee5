-- One event to one endpoint: pending (new or waiting for a retry), delivered, or dead (retries exhausted).
-- order_key (the subscriber) serialises a subscriber's events per endpoint; null means no ordering constraint.
create sequence outbound_delivery_seq start with 1 increment by 50;
create table outbound_delivery (
    id               bigint       not null,
    tenant_id        varchar(64)  not null references tenant (id),
    endpoint_id      bigint       not null,
    event_id         bigint       not null,
    order_key        bigint,
    state            varchar(16)  not null default 'pending' check (state in ('pending', 'delivered', 'dead')),
    attempts         integer      not null default 0,
    next_attempt_at  timestamp(6) with time zone not null default now(),
    claimed_until    timestamp(6) with time zone,
    first_attempt_at timestamp(6) with time zone,
    last_attempt_at  timestamp(6) with time zone,
    last_status      integer,
    last_error       varchar(500),
    delivered_at     timestamp(6) with time zone,
    created_at       timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, endpoint_id) references outbound_endpoint (tenant_id, id) on delete cascade,
    foreign key (tenant_id, event_id) references outbound_event (tenant_id, id)
);
-- The worker's claim: due pending rows in id order, and "is an earlier event of this subscriber still pending?".
create index outbound_delivery_due_idx on outbound_delivery (id) include (next_attempt_at) where state = 'pending';
create index outbound_delivery_order_idx on outbound_delivery (tenant_id, endpoint_id, order_key, id) where state = 'pending';
create index outbound_delivery_log_idx on outbound_delivery (tenant_id, endpoint_id, id desc);
