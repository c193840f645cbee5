-- A campaign send: requested once (a second request changes nothing), worked off the web threads in batches.
create table campaign_send (
    tenant_id      varchar(64)  not null references tenant (id),
    campaign_id    bigint       not null,
    state          varchar(16)  not null default 'sending' check (state in ('sending', 'done')),
    total          integer      not null default 0,
    skipped        integer      not null default 0,
    requested_at   timestamp(6) with time zone not null,
    finished_at    timestamp(6) with time zone,
    primary key (tenant_id, campaign_id),
    foreign key (tenant_id, campaign_id) references campaign (tenant_id, id)
);
create index campaign_send_active_idx on campaign_send (tenant_id) where state = 'sending';
