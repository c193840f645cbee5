-- Daily rollup of bounces per (tenant, UTC day, registrable domain, type, status code) for the per-domain report
-- (issue 12): its 7-day window reads whole days from here and only the window's ragged edges (and the two newest
-- days) from bounce. Days are filled on demand by the report (InsightSql.summarizeDays), never by a trigger on every
-- bounce (that would serialise ingestion on the hot rows of today's big domains). A day is summarised only when it is
-- at least two days old; a bounce written, changed or deleted later for a summarised day (a late DSN, a webhook
-- replay, a reclassification) marks the day stale, and the next report summarises it again.
create table bounce_domain_day (
    tenant_id        varchar(64)  not null references tenant (id),
    day              date         not null,
    recipient_domain varchar(255) not null,
    type             varchar(16)  not null,
    status_code      varchar(16)  not null default '', -- '' where the bounce has no code
    n                integer      not null check (n > 0),
    primary key (tenant_id, day, recipient_domain, type, status_code)
);
create index bounce_domain_day_domain_idx on bounce_domain_day (tenant_id, recipient_domain, day);

create table bounce_domain_day_state (
    tenant_id     varchar(64) not null references tenant (id),
    day           date        not null,
    stale         boolean     not null,
    summarized_at timestamptz not null,
    primary key (tenant_id, day)
);

-- Marks a summarised day stale when one of its bounces changes. Only for days at least two days old (the summarised
-- ones), so today's stream of bounces never touches this table; the upsert waits for a summary being written for
-- that day (it holds the state row) and then marks it stale, so no change is lost between the two.
create function bounce_domain_day_touch() returns trigger language plpgsql as $$
declare
    old_day date := case when tg_op <> 'INSERT' then (old.occurred_at at time zone 'UTC')::date end;
    new_day date := case when tg_op <> 'DELETE' then (new.occurred_at at time zone 'UTC')::date end;
    oldest_raw date := (now() at time zone 'UTC')::date - 1;
begin
    if tg_op = 'UPDATE' and old.type is not distinct from new.type and old.status_code is not distinct from new.status_code
       and old.recipient_domain is not distinct from new.recipient_domain and old_day = new_day then
        return null;
    end if;
    if old_day is not null and old_day < oldest_raw then
        insert into bounce_domain_day_state (tenant_id, day, stale, summarized_at) values (old.tenant_id, old_day, true, now())
            on conflict (tenant_id, day) do update set stale = true;
    end if;
    if new_day is not null and new_day < oldest_raw and new_day is distinct from old_day then
        insert into bounce_domain_day_state (tenant_id, day, stale, summarized_at) values (new.tenant_id, new_day, true, now())
            on conflict (tenant_id, day) do update set stale = true;
    end if;
    return null;
end $$;

create trigger bounce_domain_day_touch after insert or update or delete on bounce
    for each row execute function bounce_domain_day_touch();
