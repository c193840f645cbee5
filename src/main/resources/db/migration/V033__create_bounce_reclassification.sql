-- Reclassify (issue 10): support corrects a bounce's classification with a note; both versions stay here (the
-- bounce row holds the current one). bounce has no single-column key (partitioned), so the row is named by
-- (tenant_id, bounce_occurred_at, bounce_id), without a foreign key: bounce partitions must stay detachable
-- (V007), and the audit row outlives a dropped month on purpose.
create sequence bounce_reclassification_seq start with 1 increment by 50;
create table bounce_reclassification (
    id                  bigint       not null,
    tenant_id           varchar(64)  not null references tenant (id),
    bounce_id           bigint       not null,
    bounce_occurred_at  timestamp(6) with time zone not null,
    subscriber_id       bigint,
    from_type           varchar(16)  not null,
    to_type             varchar(16)  not null,
    from_fault          varchar(16)  not null,
    to_fault            varchar(16)  not null,
    note                varchar(1000) not null,
    actor               varchar(255) not null,
    at                  timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id)
);
create index bounce_reclassification_bounce_idx on bounce_reclassification (tenant_id, bounce_id, at desc);
