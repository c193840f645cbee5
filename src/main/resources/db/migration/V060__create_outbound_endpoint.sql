-- Outgoing webhooks (issue 13): a tenant's receiver URL, its signing secret (sealed by SecretBox, never in clear),
-- the event types it wants and whether deliveries go out.
create sequence outbound_endpoint_seq start with 1 increment by 50;
create table outbound_endpoint (
    id           bigint        not null,
    tenant_id    varchar(64)   not null references tenant (id),
    url          varchar(2000) not null,
    description  varchar(200)  not null default '',
    secret       varchar(500)  not null,
    events       varchar(32)[] not null,
    enabled      boolean       not null default true,
    created_at   timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id)
);
create index outbound_endpoint_enabled_idx on outbound_endpoint (tenant_id) where enabled;
