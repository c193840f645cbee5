-- Stored per-campaign bounce counters (issue 10): the campaign page and list read one row instead of counting the
-- campaign's bounces on every view. Kept by the ingestion pipeline in the transaction that inserts the bounces
-- (IngestSql.insertBounces), adjusted by reclassify; `investigate` counts rows flagged "investigate: your side".
create sequence campaign_bounce_count_seq start with 1 increment by 50;
create table campaign_bounce_count (
    id            bigint      not null,
    tenant_id     varchar(64) not null references tenant (id),
    campaign_id   bigint      not null,
    hard          bigint      not null default 0 check (hard >= 0),
    soft          bigint      not null default 0 check (soft >= 0),
    complaint     bigint      not null default 0 check (complaint >= 0),
    auto_reply    bigint      not null default 0 check (auto_reply >= 0),
    other         bigint      not null default 0 check (other >= 0),
    investigate   bigint      not null default 0 check (investigate >= 0),
    -- earliest and latest occurred_at of the campaign's bounces: the bounce-log query's bounds on the partition key
    first_at      timestamp(6) with time zone,
    last_at       timestamp(6) with time zone,
    primary key (tenant_id, id),
    unique (tenant_id, campaign_id),
    foreign key (tenant_id, campaign_id) references campaign (tenant_id, id)
);
-- Bounces recorded before this table existed.
insert into campaign_bounce_count (id, tenant_id, campaign_id, hard, soft, complaint, auto_reply, other, investigate, first_at, last_at)
select nextval('campaign_bounce_count_seq'), tenant_id, campaign_id, count(*) filter (where type = 'hard'), count(*) filter (where type = 'soft'),
       count(*) filter (where type = 'complaint'), count(*) filter (where type = 'auto_reply'),
       count(*) filter (where type not in ('hard', 'soft', 'complaint', 'auto_reply')), count(*) filter (where investigate),
       min(occurred_at), max(occurred_at)
  from bounce where campaign_id is not null group by tenant_id, campaign_id;
