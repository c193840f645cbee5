-- Symptom alerts raised by the insight detectors. One row per ongoing condition: the partial unique index makes a
-- second open (or acknowledged) alert for the same condition impossible; a resolved alert stays as history.
create sequence alert_seq start with 1 increment by 50;
create table alert (
    id                 bigint        not null,
    tenant_id          varchar(64)   not null references tenant (id),
    kind               varchar(32)   not null,
    scope_key          varchar(300)  not null,
    status             varchar(16)   not null check (status in ('open', 'acknowledged', 'resolved')),
    summary            varchar(500)  not null,
    evidence           text          not null,
    measured           double precision,
    threshold          double precision,
    campaign_id        bigint,
    sending_server_id  bigint,
    domain             varchar(255),
    opened_at          timestamp(6) with time zone not null,
    last_seen_at       timestamp(6) with time zone not null,
    acknowledged_at    timestamp(6) with time zone,
    resolved_at        timestamp(6) with time zone,
    primary key (tenant_id, id),
    foreign key (tenant_id, campaign_id) references campaign (tenant_id, id),
    foreign key (tenant_id, sending_server_id) references sending_server (tenant_id, id)
);
create unique index alert_one_ongoing_idx on alert (tenant_id, kind, scope_key) where status <> 'resolved';
create index alert_status_idx on alert (tenant_id, status, opened_at desc);
create index alert_campaign_idx on alert (tenant_id, campaign_id) where campaign_id is not null;
create index alert_server_idx on alert (tenant_id, sending_server_id) where sending_server_id is not null;
