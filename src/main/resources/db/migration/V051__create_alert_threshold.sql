-- Per-tenant alert thresholds; a kind without a row uses the default from AlertKind.
create sequence alert_threshold_seq start with 1 increment by 50;
create table alert_threshold (
    id          bigint           not null,
    tenant_id   varchar(64)      not null references tenant (id),
    kind        varchar(32)      not null,
    value       double precision not null check (value >= 0),
    primary key (tenant_id, id),
    unique (tenant_id, kind)
);
