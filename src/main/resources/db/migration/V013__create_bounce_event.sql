-- Dedupe of recorded bounces: bounce is partitioned by occurred_at, so a unique event key needs its own table.
-- One row per (tenant, event key): the same provider event, or the same original message + recipient + status
-- delivered twice, records one bounce.
create table bounce_event (
    tenant_id    varchar(64)  not null references tenant (id),
    event_key    varchar(300) not null,
    bounce_id    bigint       not null,
    occurred_at  timestamp(6) with time zone not null,
    recorded_at  timestamp(6) with time zone not null default now(),
    primary key (tenant_id, event_key)
);
