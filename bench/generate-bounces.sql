-- Fills a dedicated benchmark database with bounces at bulk-load speed (server-side INSERT ... SELECT from
-- generate_series, secondary indexes dropped during the load and rebuilt after, FK triggers off during the load;
-- every row is generated consistent with the foreign keys and the last step proves it with anti-joins).
-- Run by bench/generate-bounces.sh (as the superuser, for session_replication_role). Variables:
--   total, big, tenants, cpt (campaigns per tenant), subs (subscribers per tenant; the first tenant has big).
\set ON_ERROR_STOP on
\timing on
set client_min_messages = warning;
select setseed(0.42);

-- Wipe everything: this database is only for benchmarks.
truncate tenant cascade;

insert into tenant (id, name)
select format('bench-%s', lpad(t::text, 2, '0')), format('Bench Org %s', lpad(t::text, 2, '0'))
  from generate_series(1, :tenants) t;
-- Who may log in: alice admin of bench-01 and bench-02, bob marketer and carol support of bench-01 (the dev OIDC
-- users of README "Run it").
insert into membership (id, tenant_id, subject, email, display_name, role) values
  (1, 'bench-01', 'alice', 'alice@bench.example', 'Alice', 'admin'),
  (2, 'bench-01', 'bob',   'bob@bench.example',   'Bob',   'marketer'),
  (3, 'bench-01', 'carol', 'carol@bench.example', 'Carol', 'support'),
  (4, 'bench-02', 'alice', 'alice@bench.example', 'Alice', 'admin');

insert into sending_server (id, tenant_id, name, smtp_host, smtp_port, tls_mode, return_path_domain)
select 1, id, 'Bench MTA', 'smtp.bench.invalid', 25, 'none', 'bounces.' || id || '.example' from tenant;
insert into mailing_list (id, tenant_id, name) select 1, id, 'Newsletter' from tenant;

-- Recipient domains with a realistic mix: 75 of every 100 addresses at big mailbox providers (weighted), the other
-- 25 spread over 5,000 company domains. The domain is a pure function of the subscriber number, so the bounce
-- rows recompute exactly the subscriber's address.
create temp table gen_provider (domain text primary key, w int not null, mx text not null);
insert into gen_provider values
  ('gmail.com', 28, 'gmail-smtp-in.l.google.com'), ('yahoo.com', 9, 'mta7.am0.yahoodns.net'),
  ('outlook.com', 7, 'outlook-com.olc.protection.outlook.com'), ('hotmail.com', 6, 'hotmail-com.olc.protection.outlook.com'),
  ('icloud.com', 4, 'mx01.mail.icloud.com'), ('aol.com', 2, 'mx-aol.mail.gm0.yahoodns.net'), ('gmx.de', 3, 'mx00.emig.gmx.net'),
  ('web.de', 2, 'mx-ha03.web.de'), ('t-online.de', 2, 'mx00.t-online.de'), ('orange.fr', 2, 'smtp-in.orange.fr'),
  ('free.fr', 1, 'mx1.free.fr'), ('yahoo.co.uk', 1, 'mta5.am0.yahoodns.net'), ('btinternet.com', 1, 'mx.bt.lon5.cpcloud.co.uk'),
  ('comcast.net', 2, 'mx1a1.comcast.net'), ('att.net', 1, 'al-ip4-mx-vip1.prodigy.net'), ('mail.ru', 1, 'mxs.mail.ru'),
  ('yandex.ru', 1, 'mx.yandex.ru'), ('qq.com', 1, 'mx3.qq.com'), ('libero.it', 1, 'smtp-in.libero.it');
do $$
declare
    slots text;
begin
    if (select sum(w) from gen_provider) <> 75 then
        raise exception 'provider weights must sum to 75';
    end if;
    select array_agg(domain order by domain, x)::text into slots
      from gen_provider, generate_series(1, w) x;
    execute format('create function pg_temp.gen_domain_of(n bigint) returns text language sql immutable as %L',
        format('select case when (n * 2654435761 %% 4294967296) %% 100 < 75 '
               || 'then (%L::text[])[1 + (n * 2654435761 %% 4294967296) %% 100] '
               || 'else ''firm'' || ((n * 40503 + n / 7) %% 5000) '
               || '|| (array[''.com'', ''.de'', ''.co.uk'', ''.fr'', ''.nl'', ''.io'', ''.com.au''])[1 + ((n * 40503 + n / 7) %% 5000) %% 7] end',
               slots));
end $$;

-- Subscribers: subs per tenant (big in bench-01, whose big campaign bounces each of them once).
-- Email 'u<n>.<tenant no>@<domain>'.
create temp table gen_tenant as
select row_number() over (order by id)::int as t, id as tenant_id,
       case when id = 'bench-01' then greatest(:big, :subs) else :subs end as s
  from tenant;

insert into subscriber (id, tenant_id, list_id, email, status, status_changed_at, created_at)
select n, g.tenant_id, 1, 'u' || n || '.' || g.t || '@' || pg_temp.gen_domain_of(n),
       case when n % 100 < 8 then 'bounced' when n % 100 < 11 then 'unsubscribed' when n % 100 < 12 then 'complained'
            else 'subscribed' end,
       now() - interval '800 days', now() - interval '800 days'
  from gen_tenant g, lateral generate_series(1, g.s) n;

-- Campaigns: cpt per tenant, sent over the last 23 months; bench-01's campaign 1 is the big one (sent 61 days ago,
-- its bounces spread over 60 days, across a month boundary). Recipients come from campaign_send.total (the
-- sending side's count): 20 times the campaign's bounces, so rates are about 5%.
insert into campaign (id, tenant_id, name, subject, list_id, sending_server_id, sent_at, recipients_count, created_at)
select c, g.tenant_id, format('Campaign %s/%s', g.t, c), format('Offer %s for %s', c, g.tenant_id), 1, 1,
       case when g.t = 1 and c = 1 then now() - interval '61 days'
            else now() - interval '700 days' * (:cpt - c + 0.5) / :cpt - interval '1 hour' * g.t end,
       0, now() - interval '800 days'
  from gen_tenant g, generate_series(1, :cpt) c;

-- The bounce mix: 1,000 buckets, each a (type, code, reason, fault, action) with verbatim receiver replies.
create temp table gen_mix (m int primary key, w int, type text, status_code text, reply_code smallint, reason text,
                           fault text, investigate boolean, suppress boolean, action text, action_hint text, why text,
                           feedback_type text, diags text[]);
insert into gen_mix values
 (1, 280, 'hard', '5.1.1', 550, 'userunknown', 'recipient', false, true, 'bounced', 'Address is dead: bounced, future sends skip it', 'the mailbox does not exist', null,
  array['550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient''s email address for typos or unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser',
        '550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table',
        '550 5.1.1 <%s>: Recipient address rejected: Access denied. AS(201806281)',
        '550 5.1.1 Requested action not taken: mailbox unavailable',
        '550 5.1.1 <%s>... User unknown']),
 (2, 30, 'hard', '5.1.10', 550, 'userunknown', 'recipient', false, true, 'bounced', 'Address is dead: bounced, future sends skip it', 'the mailbox does not exist', null,
  array['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient %s not found by SMTP address lookup']),
 (3, 30, 'hard', '5.1.2', 550, 'hostunknown', 'recipient', false, true, 'bounced', 'Address is dead: bounced, future sends skip it', 'the recipient domain does not exist', null,
  array['Host or domain name not found. Name service error for name=%d type=A: Host not found', '550 5.1.2 Domain does not exist']),
 (4, 20, 'hard', '5.2.1', 550, 'suspend', 'recipient', false, false, 'retry', 'Kept for the retry scheduler', 'the mailbox is disabled or suspended', null,
  array['550 5.2.1 The email account that you tried to reach is disabled.', '554 5.2.1 Mailbox disabled for this recipient - This mailbox has been blocked due to inactivity']),
 (5, 20, 'hard', '5.2.0', 550, 'filtered', 'recipient', false, false, 'bounced', 'Address is dead: bounced, future sends skip it', 'the recipient''s own filter rules refused the message', null,
  array['550 5.2.0 Rejected by recipient filter rules']),
 (6, 120, 'soft', '4.2.2', 452, 'mailboxfull', 'recipient', false, false, 'retry', 'Kept for the retry scheduler', 'the mailbox is full', null,
  array['452-4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp',
        '452 4.2.2 <%s>: Recipient address rejected: Mailbox full', '552 5.2.2 Quota exceeded (mailbox for user is full)']),
 (7, 50, 'soft', '4.4.7', 421, 'expired', 'network', false, false, 'retry', 'Kept for the retry scheduler', 'delivery was given up after retrying for too long', null,
  array['Delivery expired (message too old) 421 4.4.7 connect to mx.example: Connection timed out', 'delivery temporarily suspended: connect to %d[192.0.2.9]:25: Connection timed out']),
 (8, 40, 'soft', '4.7.1', 421, 'speeding', 'sender', true, false, 'retry', 'Kept for retry; investigate: your side. Slow down the sending rate', 'mail is being sent too fast (rate limit)', null,
  array['421-4.7.0 [192.0.2.10] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.',
        '421 4.7.1 Try again later, closing connection. (DATA) Rate limited']),
 (9, 40, 'hard', '5.7.1', 554, 'blocked', 'sender', true, false, 'investigate', 'Investigate: your side. Check the sending IP''s blocklist listings', 'the sending IP address or host is blocked (blocklist or local block)', null,
  array['554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.10',
        '550 5.7.1 Unfortunately, messages from [192.0.2.10] weren''t sent. Please contact your Internet service provider since part of their network is on our block list (S3150).']),
 (10, 40, 'hard', '5.7.1', 550, 'spamdetected', 'sender', true, false, 'investigate', 'Investigate: your side. Review the content and links', 'the content was judged to be spam', null,
  array['550-5.7.1 [192.0.2.10] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.',
        '554 5.7.1 Message rejected as spam by Content Filtering']),
 (11, 30, 'soft', '4.3.0', 451, 'systemerror', 'receiver_system', false, false, 'retry', 'Kept for the retry scheduler', 'the receiving mail system had an error', null,
  array['451 4.3.0 Temporary system failure. Please try again later.', '451 4.3.0 Internal server error']),
 (12, 20, 'hard', '5.7.1', 550, 'policyviolation', 'sender', true, false, 'investigate', 'Investigate: your side. Read the receiver''s policy', 'the message broke a policy of the receiving site', null,
  array['550 5.7.1 Message rejected due to local policy', '550 5.7.1 Delivery not authorized, message refused']),
 (13, 20, 'hard', '5.7.26', 550, 'authfailure', 'sender', true, false, 'investigate', 'Investigate: your side. Fix SPF, DKIM and DMARC alignment', 'SPF, DKIM or DMARC authentication failed', null,
  array['550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
        '550 5.7.26 Unauthenticated email from bench.example is not accepted due to domain''s DMARC policy']),
 (14, 20, 'soft', '4.5.3', 452, 'toomanyconn', 'sender', true, false, 'retry', 'Kept for retry; investigate: your side. Use fewer connections', 'too many connections or recipients at once', null,
  array['452 4.5.3 Too many recipients', '421 4.7.0 Too many concurrent SMTP connections from this IP address; please try again later.']),
 (15, 20, 'soft', '4.4.0', 451, 'networkerror', 'network', false, false, 'retry', 'Kept for the retry scheduler', 'a DNS, routing or network error stopped delivery', null,
  array['451 4.4.0 DNS resolution failed', 'lost connection with mx.%d while sending RCPT TO']),
 (16, 80, 'complaint', null, null, 'feedback', 'unknown', false, false, 'unsubscribed', 'Spam complaint: unsubscribed (a complaint is not a bounce)', 'the recipient reported the message (complaint / feedback loop)', 'abuse',
  array[null]::text[]),
 (17, 80, 'auto_reply', null, null, 'vacation', 'unknown', false, false, 'recorded', 'Recorded, no status change', 'the recipient sent an automatic reply (out of office)', null,
  array['Out of office: I am away until next Monday with limited access to email.', 'Abwesenheitsnotiz: Ich bin bis zum 15. nicht im Büro.', 'Automatic reply: thank you for your message']),
 (18, 20, 'undetermined', '5.0.0', 550, 'onhold', 'unknown', false, false, 'recorded', 'Recorded, no status change', 'the reason could not be determined from the report', null,
  array['550 Message not delivered', 'Unrouteable address']),
 (19, 20, 'hard', '5.2.5', 552, 'mesgtoobig', 'sender', true, false, 'investigate', 'Investigate: your side. Send a smaller message', 'the message is too big for the receiving system', null,
  array['552 5.2.5 Message size exceeds fixed maximum message size']),
 (20, 20, 'hard', '5.4.1', 550, 'userunknown', 'recipient', false, true, 'bounced', 'Address is dead: bounced, future sends skip it', 'the mailbox does not exist', null,
  array['550 5.4.1 Recipient address rejected: Access denied. [BN8NAM12FT050.eop-nam12.prod.protection.outlook.com]']);
do $$ begin if (select sum(w) from gen_mix) <> 1000 then raise exception 'mix weights must sum to 1000'; end if; end $$;
create temp table gen_bucket (b int primary key, m int not null);
insert into gen_bucket
select b, (select m from (select m, sum(w) over (order by m) as hi from gen_mix) x where b < x.hi order by m limit 1)
  from generate_series(0, 999) b;

-- Load the bounces with the secondary indexes and foreign-key triggers off, then rebuild the indexes.
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

-- campaign numbering for the rest: k in 0 .. tenants*cpt-2 maps to (tenant, campaign) skipping bench-01/1.
insert into bounce (id, tenant_id, campaign_id, subscriber_id, recipient_email, type, status_code, reply_code, reason,
                    fault, diagnostic, occurred_at, recorded_at, raw_ref, suppress, rule, why, feedback_type, remote_mta,
                    sending_ip, investigate, action, action_hint, event_key, message_id, link_source, sending_server_id,
                    recipient_domain)
select i, g.tenant_id, x.c, x.n, x.email, m.type, m.status_code, m.reply_code, m.reason, m.fault,
       replace(replace(m.diags[1 + (i % array_length(m.diags, 1))], '%s', x.email), '%d', x.domain),
       x.at, x.at + interval '7 seconds', 'bench:' || i, m.suppress, 'bench-' || m.reason, m.why, m.feedback_type,
       coalesce(pv.mx, 'mx.' || x.domain), '192.0.2.' || (10 + i % 4), m.investigate, m.action, m.action_hint,
       'bench:' || i, '<bench-' || i || '@mta.bench.example>', 'verp', 1, x.domain
  from generate_series(1, :total::bigint) i
  cross join lateral (
      select case when i <= :big then 0 else 1 + (i - :big - 1) % (:tenants * :cpt - 1) end as k,
             (random() * 1000)::int % 1000 as b, random() as r
  ) h
  cross join lateral (
      select 1 + h.k / :cpt as t, 1 + h.k % :cpt as c
  ) tc
  join gen_tenant g on g.t = tc.t
  cross join lateral (
      select tc.c as c,
             case when h.k = 0 then i else 1 + (i * 7919) % g.s end as n
  ) sn
  cross join lateral (
      select sn.c, sn.n, pg_temp.gen_domain_of(sn.n) as domain,
             'u' || sn.n || '.' || g.t || '@' || pg_temp.gen_domain_of(sn.n) as email,
             case when h.k = 0 then now() - interval '61 days' + interval '60 days' * (i::float8 / :big)
                  else now() - interval '700 days' * (:cpt - sn.c + 0.5) / :cpt - interval '1 hour' * g.t
                       + interval '3 days' * h.r * h.r end as at
  ) x
  join gen_bucket bk on bk.b = h.b
  join gen_mix m on m.m = bk.m
  left join gen_provider pv on pv.domain = x.domain;

set session_replication_role = origin;
select string_agg(def, '; ') as creates from gen_index \gset
set maintenance_work_mem = '512MB';
alter table bounce add constraint :"pk_name" :pk_def;
:creates;

-- The sending side's record of each campaign's send (the rate's denominator): 20 recipients per bounce.
insert into campaign_send (tenant_id, campaign_id, state, total, skipped, requested_at, finished_at)
select c.tenant_id, c.id, 'done', 20 * coalesce(b.n, 0), 0, c.sent_at, c.sent_at + interval '2 hours'
  from campaign c left join (select tenant_id, campaign_id, count(*) n from bounce group by 1, 2) b
    on b.tenant_id = c.tenant_id and b.campaign_id = c.id;
update campaign c set recipients_count = s.total from campaign_send s where s.tenant_id = c.tenant_id and s.campaign_id = c.id;

-- Stored per-campaign counters (V034, where the schema has them), as the ingestion pipeline keeps them.
select to_regclass('campaign_bounce_count') is not null as has_counts \gset
\if :has_counts
insert into campaign_bounce_count (id, tenant_id, campaign_id, hard, soft, complaint, auto_reply, other, investigate,
                                   first_at, last_at)
select row_number() over (), tenant_id, campaign_id, count(*) filter (where type = 'hard'),
       count(*) filter (where type = 'soft'), count(*) filter (where type = 'complaint'),
       count(*) filter (where type = 'auto_reply'), count(*) filter (where type not in ('hard', 'soft', 'complaint', 'auto_reply')),
       count(*) filter (where investigate), min(occurred_at), max(occurred_at)
  from bounce group by tenant_id, campaign_id;
select setval('campaign_bounce_count_seq', 100000);
\endif

-- Sequences past the generated ids (the app allocates in blocks of 50).
select setval('bounce_seq', :total + 1000), setval('subscriber_seq', greatest(:big, :subs) + 1000),
       setval('campaign_seq', :cpt + 1000), setval('mailing_list_seq', 1000), setval('sending_server_seq', 1000),
       setval('membership_seq', 1000);

-- Proof that the load respected the foreign keys the triggers did not check.
select count(*) as orphan_campaign from bounce b
 where not exists (select 1 from campaign c where c.tenant_id = b.tenant_id and c.id = b.campaign_id) \gset
select count(*) as orphan_subscriber from bounce b
 where not exists (select 1 from subscriber s where s.tenant_id = b.tenant_id and s.id = b.subscriber_id) \gset
select count(*) as wrong_email from bounce b join subscriber s on s.tenant_id = b.tenant_id and s.id = b.subscriber_id
 where s.email <> b.recipient_email \gset
\echo orphan campaign refs: :orphan_campaign, orphan subscriber refs: :orphan_subscriber, email mismatches: :wrong_email
select (:orphan_campaign + :orphan_subscriber + :wrong_email) = 0 as consistent \gset
\if :consistent
\else
\echo 'INCONSISTENT DATA'
\quit 3
\endif
-- vacuum too, not only analyze: a database that has been running a while has its visibility maps set by autovacuum,
-- so the index-only scans (a text search's scan limit, the insight reads) read no heap; a fresh load has none
vacuum (analyze);
