#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the bounce-log queries on the generated dataset (bench/generate-bounces.sh), in the
# shape the app sends them (BounceLogSql.page / BounceLogSql.scanLimit with the tab's columns, CampaignBounceCount.of,
# as prepared statements). Each statement runs 6 times first so PostgreSQL has decided between a custom and a
# generic plan, as on a pooled connection of the app. Usage: bench/bounce-log-explain.sh [DB] [TENANT] [CAMPAIGN]
set -euo pipefail
DB=${1:-rebound_bench_log}; T=${2:-bench-01}; C=${3:-1}
psql -h 127.0.0.1 -U rebound -d "$DB" -X -q -v plan_cache_mode="${PLAN_CACHE_MODE:-auto}" <<SQL
\pset pager off
set plan_cache_mode = :plan_cache_mode;
select first_at, last_at, hard + soft + complaint + auto_reply + other as total from campaign_bounce_count
 where tenant_id = '$T' and campaign_id = $C \gset
\echo campaign $T/$C: :total bounces between :first_at and :last_at
-- the counters (one row; the campaign page and list read this instead of count(*))
prepare counts(varchar, bigint) as
  select * from campaign_bounce_count where tenant_id = \$1 and campaign_id = \$2;
-- first page: bounded by the campaign's first and last bounce (partition key)
prepare page(varchar, bigint, timestamptz, timestamptz) as
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from bounce where tenant_id = \$1 and campaign_id = \$2 and occurred_at >= \$3 and occurred_at <= \$4
  order by occurred_at desc, id desc limit 51;
-- next page: row-value cursor plus the same bound on the partition key
prepare deep(varchar, bigint, timestamptz, timestamptz, timestamptz, bigint) as
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from bounce where tenant_id = \$1 and campaign_id = \$2 and occurred_at >= \$3 and occurred_at <= \$4
  and (occurred_at, id) < (\$5, \$6) and occurred_at <= \$5 order by occurred_at desc, id desc limit 51;
-- domain filter
prepare domain(varchar, bigint, timestamptz, timestamptz, varchar) as
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from bounce where tenant_id = \$1 and campaign_id = \$2 and recipient_domain = \$5
  and occurred_at >= \$3 and occurred_at <= \$4 order by occurred_at desc, id desc limit 51;
-- date range filter (from/to as a bound on the partition key)
prepare daterange(varchar, bigint, timestamptz, timestamptz) as
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from bounce where tenant_id = \$1 and campaign_id = \$2 and occurred_at >= \$3 and occurred_at < \$4
  order by occurred_at desc, id desc limit 51;
-- one filter column on top of the keyset range (type, code class and subject, side, investigate, address)
prepare typed(varchar, bigint, timestamptz, timestamptz, varchar) as
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from bounce where tenant_id = \$1 and campaign_id = \$2 and type = \$5
  and occurred_at >= \$3 and occurred_at <= \$4 order by occurred_at desc, id desc limit 51;
prepare codeclass(varchar, bigint, timestamptz, timestamptz, varchar) as
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from bounce where tenant_id = \$1 and campaign_id = \$2 and status_code like \$5
  and occurred_at >= \$3 and occurred_at <= \$4 order by occurred_at desc, id desc limit 51;
prepare sender(varchar, bigint, timestamptz, timestamptz) as
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from bounce where tenant_id = \$1 and campaign_id = \$2 and fault = 'sender' and investigate
  and occurred_at >= \$3 and occurred_at <= \$4 order by occurred_at desc, id desc limit 51;
-- an address or its beginning: the address index (V076, lower(recipient_email) text_pattern_ops) read in its own
-- order (~<~), so it stops after 501 matches in the keyset range, counted on the way; with at most 500 those are all
-- the matches, sorted by time for the page; with more, the app reads the bounded scan below instead
prepare address(varchar, bigint, timestamptz, timestamptz, text) as
  with capped as (select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification, fault, recipient_domain from bounce where tenant_id = \$1 and campaign_id = \$2
  and lower(recipient_email) like \$5 escape '\\' and occurred_at >= \$3 and occurred_at <= \$4
  order by lower(recipient_email) using ~<~ limit 501)
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification, k.matches from (select count(*) as matches from capped) k left join lateral (select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from capped
  where true and lower(recipient_email) like \$5 escape '\\' order by occurred_at desc, id desc limit 51) c on true;
-- text searches (an address's domain part or a common beginning, reason words): the newest 10,000 rows of the range are read lazily, the
-- filter on top; the scan stops as soon as 51 rows matched. Only a page that did not fill asks where the scan stopped.
prepare domainpart(varchar, bigint, timestamptz, timestamptz, text) as
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from (select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification, fault, recipient_domain from bounce where tenant_id = \$1 and campaign_id = \$2
  and occurred_at >= \$3 and occurred_at <= \$4 order by occurred_at desc, id desc limit 10000) scanned
  where true and lower(recipient_email) like \$5 escape '\\' order by occurred_at desc, id desc limit 51;
prepare reason(varchar, bigint, timestamptz, timestamptz, text) as
  select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification from (select id, subscriber_id, recipient_email, type, status_code, diagnostic, reason, action, investigate, action_hint, inbound_id, occurred_at, feedback_type, remote_mta, provider_classification, fault, recipient_domain from bounce where tenant_id = \$1 and campaign_id = \$2
  and occurred_at >= \$3 and occurred_at <= \$4 order by occurred_at desc, id desc limit 10000) scanned
  where true and lower(diagnostic) like \$5 escape '\\' order by occurred_at desc, id desc limit 51;
prepare scanlimit(varchar, bigint, timestamptz, timestamptz) as
  select occurred_at, id from bounce where tenant_id = \$1 and campaign_id = \$2 and occurred_at >= \$3
  and occurred_at <= \$4 order by occurred_at desc, id desc offset 9999 limit 1;
select occurred_at as cur_t, id as cur_id from bounce where tenant_id = '$T' and campaign_id = $C
 and occurred_at >= :'first_at' and occurred_at <= :'last_at' order by occurred_at desc, id desc offset 500000 limit 1 \gset
select date_trunc('month', :'last_at'::timestamptz) as month_start \gset
select occurred_at as mb_t, id as mb_id from bounce where tenant_id = '$T' and campaign_id = $C
 and occurred_at >= :'month_start' order by occurred_at, id limit 1 \gset
\o /dev/null
select 1 from generate_series(1, 1);
execute counts('$T', $C); execute counts('$T', $C); execute counts('$T', $C); execute counts('$T', $C); execute counts('$T', $C); execute counts('$T', $C);
execute page('$T', $C, :'first_at', :'last_at'); execute page('$T', $C, :'first_at', :'last_at'); execute page('$T', $C, :'first_at', :'last_at');
execute page('$T', $C, :'first_at', :'last_at'); execute page('$T', $C, :'first_at', :'last_at'); execute page('$T', $C, :'first_at', :'last_at');
execute deep('$T', $C, :'first_at', :'last_at', :'cur_t', :cur_id); execute deep('$T', $C, :'first_at', :'last_at', :'cur_t', :cur_id);
execute deep('$T', $C, :'first_at', :'last_at', :'cur_t', :cur_id); execute deep('$T', $C, :'first_at', :'last_at', :'cur_t', :cur_id);
execute deep('$T', $C, :'first_at', :'last_at', :'cur_t', :cur_id); execute deep('$T', $C, :'first_at', :'last_at', :'cur_t', :cur_id);
\o
\echo == counters
explain (analyze, buffers) execute counts('$T', $C);
\echo == first page
explain (analyze, buffers) execute page('$T', $C, :'first_at', :'last_at');
\echo == deep page (cursor 500,000 rows down)
explain (analyze, buffers) execute deep('$T', $C, :'first_at', :'last_at', :'cur_t', :cur_id);
\echo == cursor just after a month boundary
explain (analyze, buffers) execute deep('$T', $C, :'first_at', :'last_at', :'mb_t', :mb_id);
\echo == domain filter (gmail.com)
explain (analyze, buffers) execute domain('$T', $C, :'first_at', :'last_at', 'gmail.com');
\echo == date range (one week)
explain (analyze, buffers) execute daterange('$T', $C, (:'last_at'::timestamptz - interval '7 days'), :'last_at');
\echo == type = complaint
explain (analyze, buffers) execute typed('$T', $C, :'first_at', :'last_at', 'complaint');
\echo == code class 5.7 (like '5.7.%')
explain (analyze, buffers) execute codeclass('$T', $C, :'first_at', :'last_at', '5.7.%');
\echo == your side, investigate
explain (analyze, buffers) execute sender('$T', $C, :'first_at', :'last_at');
\echo == reason search, common words ('mailbox'): the scan stops when the page is full
explain (analyze, buffers) execute reason('$T', $C, :'first_at', :'last_at', '%mailbox%');
\echo == reason search, rare words ('quota'): the whole scan
explain (analyze, buffers) execute reason('$T', $C, :'first_at', :'last_at', '%quota%');
\echo == address search, one address beginning (like 'u99999%'): its matches from the index, sorted by time
explain (analyze, buffers) execute address('$T', $C, :'first_at', :'last_at', 'u99999%');
\echo == address search, a common beginning (like 'u1%'): the index read stops at 501 matches, then the bounded scan
explain (analyze, buffers) execute address('$T', $C, :'first_at', :'last_at', 'u1%');
explain (analyze, buffers) execute domainpart('$T', $C, :'first_at', :'last_at', 'u1%');
\echo == address search for a domain part (like '%@firm42.%', no index): the whole scan, then where it stopped
explain (analyze, buffers) execute domainpart('$T', $C, :'first_at', :'last_at', '%@firm42.%');
explain (analyze, buffers) execute scanlimit('$T', $C, :'first_at', :'last_at');
\echo == plan cache: generic plan used?
select name, generic_plans, custom_plans from pg_prepared_statements order by name;
show plan_cache_mode;
SQL
