-- Every subscriber status change: from, to, when, why, who or what caused it, and the bounce behind it.
create sequence subscriber_event_seq start with 1 increment by 50;
create table subscriber_event (
    id                  bigint       not null,
    tenant_id           varchar(64)  not null references tenant (id),
    subscriber_id       bigint       not null,
    from_status         varchar(16)  not null,
    to_status           varchar(16)  not null,
    changed_at          timestamp(6) with time zone not null default now(),
    why                 varchar(500) not null,
    -- who or what: 'auto-action' for the pipeline, a member's subject for people
    actor               varchar(255) not null,
    -- bounce, complaint, trap, retry-exhausted, manual
    cause               varchar(32)  not null,
    bounce_id           bigint,
    bounce_occurred_at  timestamp(6) with time zone,
    primary key (tenant_id, id),
    foreign key (tenant_id, subscriber_id) references subscriber (tenant_id, id)
);
create index subscriber_event_subscriber_idx on subscriber_event (tenant_id, subscriber_id, changed_at desc, id desc);
