-- Activity a CRM saw for an address (issue 13: "CRM activity in"), reported with a tenant API token. One row per
-- (address, source, kind, time): a repeated report stores nothing new.
create sequence crm_activity_seq start with 1 increment by 50;
create table crm_activity (
    id           bigint       not null,
    tenant_id    varchar(64)  not null references tenant (id),
    email        varchar(320) not null,
    source       varchar(64)  not null,
    kind         varchar(64)  not null,
    occurred_at  timestamp(6) with time zone not null,
    received_at  timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, email, source, kind, occurred_at)
);
create index crm_activity_email_idx on crm_activity (tenant_id, email, occurred_at desc);
