-- A lean 10-million-bounce load for the insight measurements (bench/insight-report.sh --load), for machines where
-- bench/generate-bounces.sql (branch log: full subscribers and replies) takes too long: tenants, one server and list
-- each, campaigns, and bounces with campaign, domain, type and code only (no subscribers: subscriber_id is null).
-- The shape the per-domain report reads is the same: bench-01's campaign 1 holds 1,000,000 bounces over the last
-- 60 days (about 117,000 in any 7-day window), the other 9,000,000 spread over 20 tenants x 45 campaigns and 700
-- days; 75% of addresses at 19 big providers, 25% over 5,000 company domains. Run as the superuser (FK triggers
-- off during the load); WIPES the database. Variables: total, big, tenants, cpt.
\set ON_ERROR_STOP on
\timing on
set client_min_messages = warning;
truncate tenant cascade;
insert into tenant (id, name)
select format('bench-%s', lpad(t::text, 2, '0')), format('Bench Org %s', lpad(t::text, 2, '0')) from generate_series(1, :tenants) t;
insert into sending_server (id, tenant_id, name, smtp_host, smtp_port, tls_mode, return_path_domain)
select 1, id, 'Bench MTA', 'smtp.bench.invalid', 25, 'none', 'bounces.' || id || '.example' from tenant;
insert into mailing_list (id, tenant_id, name) select 1, id, 'Newsletter' from tenant;
insert into campaign (id, tenant_id, name, subject, list_id, sending_server_id, sent_at, recipients_count, created_at)
select c, t.id, format('Campaign %s', c), format('Offer %s', c), 1, 1,
       case when t.id = 'bench-01' and c = 1 then now() - interval '61 days'
            else now() - interval '700 days' * (:cpt - c + 0.5) / :cpt end, 0, now() - interval '800 days'
  from tenant t, generate_series(1, :cpt) c;

create temp table gen_domain (slot int primary key, domain text not null);
insert into gen_domain
select row_number() over () - 1, d from (
  select d from (values ('gmail.com', 28), ('yahoo.com', 9), ('outlook.com', 7), ('hotmail.com', 6), ('icloud.com', 4),
    ('aol.com', 2), ('gmx.de', 3), ('web.de', 2), ('t-online.de', 2), ('orange.fr', 2), ('free.fr', 1), ('yahoo.co.uk', 1),
    ('hotmail.co.uk', 1), ('comcast.net', 2), ('live.com', 1), ('mail.ru', 1), ('yandex.ru', 1), ('qq.com', 1),
    ('libero.it', 1)) v(d, w), generate_series(1, w)) s;
create temp table gen_code (slot int primary key, type text, code text, reply smallint, reason text);
insert into gen_code
select row_number() over () - 1, type, code, reply, reason from (
  select type, code, reply, reason from (values ('hard', '5.1.1', 550, 'userunknown', 45), ('soft', '4.2.2', 452, 'mailboxfull', 15),
    ('soft', '4.7.0', 451, 'greylisting', 10), ('hard', '5.7.1', 554, 'blocked', 10), ('soft', '4.7.1', 421, 'speeding', 5),
    ('hard', '5.2.5', 552, 'mesgtoobig', 2), ('soft', '4.4.7', 421, 'expired', 8), ('hard', '5.1.2', 550, 'hostunknown', 5))
    v(type, code, reply, reason, w), generate_series(1, w)) s;
do $$ begin
  if (select count(*) from gen_domain) <> 75 or (select count(*) from gen_code) <> 100 then raise exception 'weights'; end if;
end $$;

create temp table gen_index as
select indexrelid::regclass::text as name, replace(pg_get_indexdef(indexrelid), ' ON ONLY ', ' ON ') as def
  from pg_index where indrelid = 'bounce'::regclass and not indisprimary;
select conname as pk_name, pg_get_constraintdef(oid) as pk_def from pg_constraint
 where conrelid = 'bounce'::regclass and contype = 'p' \gset
select string_agg(format('drop index %s', name), '; ') as drops from gen_index \gset
:drops;
alter table bounce drop constraint :"pk_name";
set session_replication_role = replica;
set synchronous_commit = off;
insert into bounce (id, tenant_id, campaign_id, recipient_email, recipient_domain, type, status_code, reply_code, reason,
                    diagnostic, occurred_at, recorded_at, raw_ref, sending_server_id)
select i, x.tenant_id, x.c, 'u' || x.n || '@' || x.domain, x.domain, gc.type, gc.code, gc.reply, gc.reason,
       gc.reply || ' ' || gc.code || ' bench reply', x.at, x.at + interval '7 seconds', 'bench:' || i, 1
  from generate_series(1, :total::bigint) i
  cross join lateral (
      select case when i <= :big then 1 else 1 + (i % :tenants)::int end as t,
             case when i <= :big then 1 else 1 + ((i / :tenants) % :cpt)::int end as c,
             (i * 7919) % 2000000 as n
  ) k
  cross join lateral (
      select format('bench-%s', lpad(k.t::text, 2, '0')) as tenant_id, k.c, k.n,
             case when (k.n * 2654435761 % 4294967296) % 100 < 75
                  then (select domain from gen_domain where slot = (k.n * 2654435761 % 4294967296) % 100)
                  else 'firm' || (k.n % 5000) || (array['.com', '.de', '.co.uk', '.fr', '.nl'])[1 + (k.n % 5000) % 5] end as domain,
             case when i <= :big then now() - interval '61 days' + interval '60 days' * (i::float8 / :big)
                  else now() - interval '700 days' * (:cpt - k.c + 0.5) / :cpt + interval '3 days' * ((i % 997) / 997.0) end as at
  ) x
  join gen_code gc on gc.slot = (i * 31) % 100;
set session_replication_role = origin;
set maintenance_work_mem = '512MB';
alter table bounce add constraint :"pk_name" :pk_def;
select string_agg(def, '; ') as creates from gen_index \gset
:creates;
update campaign c set recipients_count = 20 * b.n
  from (select tenant_id, campaign_id, count(*) n from bounce group by 1, 2) b
 where b.tenant_id = c.tenant_id and b.campaign_id = c.id;
vacuum analyze bounce;
select tenant_id, count(*) from bounce group by 1 order by 1 limit 3;
