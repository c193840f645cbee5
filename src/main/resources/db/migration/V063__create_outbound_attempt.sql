-- Every delivery attempt: when, how long, the HTTP status (null when no answer), the error, and the start of the
-- receiver's answer (plain text, capped; rendered escaped).
create sequence outbound_attempt_seq start with 1 increment by 50;
create table outbound_attempt (
    id                bigint        not null,
    tenant_id         varchar(64)   not null references tenant (id),
    delivery_id       bigint        not null,
    endpoint_id       bigint        not null,
    attempted_at      timestamp(6) with time zone not null,
    duration_ms       integer       not null,
    status_code       integer,
    error             varchar(500),
    response_excerpt  varchar(1000),
    primary key (tenant_id, id),
    foreign key (tenant_id, delivery_id) references outbound_delivery (tenant_id, id) on delete cascade
);
create index outbound_attempt_log_idx on outbound_attempt (tenant_id, endpoint_id, id desc);
create index outbound_attempt_delivery_idx on outbound_attempt (tenant_id, delivery_id);
