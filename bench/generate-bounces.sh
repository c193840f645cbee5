#!/usr/bin/env bash
# Fills a benchmark database with bounces over tenants and campaigns at bulk-load speed: the application's Flyway
# migrations first (app.rebound.bench.MigrateBenchDb), then bench/generate-bounces.sql (server-side INSERT ... SELECT,
# secondary indexes and FK triggers off during the load, indexes rebuilt after, FK consistency checked at the end).
# The database is WIPED (every tenant's rows). Default: 10,000,000 bounces, 20 tenants x 45 campaigns, bench-01's
# campaign 1 holding 1,000,000 (its bounces over the last 60 days, across a month boundary).
# Usage: bench/generate-bounces.sh [DB] [TOTAL] [BIG] [TENANTS] [CAMPAIGNS_PER_TENANT] [SUBSCRIBERS_PER_TENANT]
#        defaults: rebound_bench_log 10000000 1000000 20 45 100000
# Needs: the rebound role (README "Test it") and the postgres superuser over TCP (session_replication_role).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-rebound_bench_log}; TOTAL=${2:-10000000}; BIG=${3:-1000000}; TENANTS=${4:-20}; CPT=${5:-45}; SUBS=${6:-100000}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}
if ! [[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]]; then echo "bad database name: $DB" >&2; exit 2; fi
psql -h "$PGHOST" -p "$PGPORT" -U rebound -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || psql -h "$PGHOST" -p "$PGPORT" -U rebound -d postgres -qc "create database $DB"
echo "== schema (Flyway, the application's migrations)"
if [ ! -f target/bench-classpath.txt ] || [ pom.xml -nt target/bench-classpath.txt ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
./mvnw -B -q -DskipTests test-compile
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" app.rebound.bench.MigrateBenchDb \
  "jdbc:postgresql://$PGHOST:$PGPORT/$DB" rebound rebound
echo "== generating $TOTAL bounces ($BIG in bench-01's campaign 1), $TENANTS tenants x $CPT campaigns"
start=$(date +%s)
psql -h "$PGHOST" -p "$PGPORT" -U postgres -d "$DB" -X -q -v total="$TOTAL" -v big="$BIG" -v tenants="$TENANTS" \
  -v cpt="$CPT" -v subs="$SUBS" -f bench/generate-bounces.sql
end=$(date +%s)
echo "== done in $((end - start)) s"
psql -h "$PGHOST" -p "$PGPORT" -U rebound -d "$DB" -X -c "select tenant_id, count(*) as bounces, count(distinct campaign_id) as campaigns from bounce group by 1 order by 1 limit 3" \
  -c "select type, count(*) from bounce group by 1 order by 2 desc" \
  -c "select pg_size_pretty(pg_total_relation_size('bounce_default')) as default_partition, (select count(*) from bounce_default) as rows_in_default"
