-- Bounces grow to hundreds of millions of rows: range-partitioned by month on occurred_at, so old
-- months can be detached or dropped cheaply and the bounce-log query touches only recent partitions.
-- The primary key must contain the partition key; bounce rows are never referenced by other tables.
create sequence bounce_seq start with 1 increment by 50;
create table bounce (
    id              bigint       not null,
    tenant_id       varchar(64)  not null references tenant (id),
    campaign_id     bigint,
    subscriber_id   bigint,
    recipient_email varchar(320) not null,
    type            varchar(16)  not null
                    check (type in ('hard', 'soft', 'complaint', 'auto_reply', 'delivered', 'undetermined')),
    status_code     varchar(16)  check (status_code ~ '^[245]\.[0-9]{1,3}\.[0-9]{1,3}$'),
    reply_code      smallint     check (reply_code between 200 and 599),
    reason          varchar(32)  not null,
    fault           varchar(16)  not null default 'unknown'
                    check (fault in ('recipient', 'sender', 'receiver', 'network', 'unknown')),
    diagnostic      text,
    occurred_at     timestamp(6) with time zone not null,
    recorded_at     timestamp(6) with time zone not null default now(),
    raw_ref         varchar(500),
    primary key (tenant_id, occurred_at, id),
    foreign key (tenant_id, campaign_id) references campaign (tenant_id, id),
    foreign key (tenant_id, subscriber_id) references subscriber (tenant_id, id)
) partition by range (occurred_at);

create table bounce_default partition of bounce default;

-- Monthly partitions for the recent past and the next year; BouncePartitions keeps creating
-- future ones (it runs at start and daily).
do $$
declare
    m date := date_trunc('month', now() - interval '24 months')::date;
begin
    while m <= date_trunc('month', now() + interval '12 months')::date loop
        execute format('create table if not exists %I partition of bounce for values from (%L) to (%L)',
                       'bounce_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
        m := (m + interval '1 month')::date;
    end loop;
end $$;

-- The bounce-log query: one tenant, one campaign, newest first, keyset on (occurred_at, id).
create index bounce_campaign_log_idx on bounce (tenant_id, campaign_id, occurred_at desc, id desc);
-- Subscriber history.
create index bounce_subscriber_idx on bounce (tenant_id, subscriber_id, occurred_at desc, id desc);
