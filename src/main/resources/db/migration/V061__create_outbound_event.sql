-- The outbox: one row per event, written in the transaction of the change it reports (triggers, V064/V065).
-- The payload is the exact JSON body every delivery sends; event_id is the public id and idempotency key.
create sequence outbound_event_seq start with 1 increment by 50;
create table outbound_event (
    id             bigint       not null,
    tenant_id      varchar(64)  not null references tenant (id),
    event_id       uuid         not null unique,
    type           varchar(32)  not null,
    subscriber_id  bigint,
    payload        text         not null,
    created_at     timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id)
);
