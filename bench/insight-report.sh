#!/usr/bin/env bash
# Measures the insight reports on the 10-million-bounce benchmark database (issue 12, "Measure and report"):
# the per-domain report over a 7-day window and the detectors after 1,000 new bounces, through the application's own
# code (app.rebound.bench.InsightBench, a Quarkus test run on demand that prints and asserts no time), plus EXPLAIN
# ANALYZE of the report's main query. Prints numbers; changes nothing but the benchmark database.
# Usage: bench/insight-report.sh [DB] [--generate|--load]
#   --generate first (re)fills DB with bench/generate-bounces.sh (branch log's full 10,000,000-bounce dataset with
#              subscribers and replies; WIPES the database);
#   --load     first migrates DB and (re)fills it with bench/insight-load.sql (a lean 10,000,000 bounces, same
#              window shape, no subscribers; much faster on a busy machine; WIPES the database).
# Needs: the rebound role (README "Test it") and, for --generate, the postgres superuser over TCP.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-rebound_bench_insight}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}
if ! [[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]]; then echo "bad database name: $DB" >&2; exit 2; fi
if [ "${2:-}" = "--generate" ]; then
  bench/generate-bounces.sh "$DB"
elif [ "${2:-}" = "--load" ]; then
  psql -h "$PGHOST" -p "$PGPORT" -U rebound -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
    || psql -h "$PGHOST" -p "$PGPORT" -U rebound -d postgres -qc "create database $DB"
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
  ./mvnw -B -q -DskipTests test-compile
  java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" app.rebound.bench.MigrateBenchDb \
    "jdbc:postgresql://$PGHOST:$PGPORT/$DB" rebound rebound
  start=$(date +%s)
  psql -h "$PGHOST" -p "$PGPORT" -U postgres -d "$DB" -X -q -v total=10000000 -v big=1000000 -v tenants=20 -v cpt=45 \
    -f bench/insight-load.sql
  echo "== loaded in $(( $(date +%s) - start )) s"
fi
echo "== machine: $(nproc) cores, load: $(uptime | sed 's/.*load average: //')"
echo "== through the application (InsightBench; Flyway migrates the database first, cleaning is off)"
REBOUND_TEST_DB="$DB" ./mvnw -B test -Dtest=InsightBench -Drebound.bench=true -Dsurefire.failIfNoSpecifiedTests=false \
  2>&1 | grep -E "^BENCH|Tests run:|ERROR" || true
echo "== EXPLAIN ANALYZE of the report's grouping query (bench-01, 7 days)"
psql -h "$PGHOST" -p "$PGPORT" -U rebound -d "$DB" -X -c "explain (analyze, buffers, costs off)
  select b.recipient_domain, count(*), sum(case when b.type = 'hard' then 1 else 0 end),
         sum(case when b.type = 'soft' then 1 else 0 end)
    from bounce b
   where b.tenant_id = 'bench-01' and b.occurred_at >= now() - interval '7 days' and b.occurred_at < now()
     and b.recipient_domain is not null
   group by b.recipient_domain having count(*) > 50"
echo "== load after: $(uptime | sed 's/.*load average: //')"
