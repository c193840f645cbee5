#!/usr/bin/env bash
# End-to-end ingestion throughput (stored inputs -> recorded bounces with their actions) beside PostgreSQL's plain
# insert ceiling, measured in the same run on the same server. Uses the database rebound_bench (wiped by Flyway).
# Usage: bench/ingest-throughput.sh [INPUTS] [WORKER_THREADS] [BATCH]     (defaults 1000000 2 500)
set -euo pipefail
cd "$(dirname "$0")/.."
INPUTS=${1:-1000000}; THREADS=${2:-2}; BATCH=${3:-500}
DB=rebound_bench; PG="-h 127.0.0.1 -U rebound"
echo "== pgbench plain insert ceiling (2 clients, 20 s each)"
psql $PG -q -d $DB -c "drop table if exists pgbench_ceiling; create table pgbench_ceiling (id bigserial primary key, tenant_id varchar(64) not null, payload text not null, created_at timestamptz not null default now())"
echo "insert into pgbench_ceiling (tenant_id, payload) values ('t', repeat('x', 200));" > /tmp/rebound-ceiling-1.sql
echo "insert into pgbench_ceiling (tenant_id, payload) select 't', repeat('x', 200) from generate_series(1, $BATCH);" > /tmp/rebound-ceiling-batch.sql
pgbench $PG -n -c 2 -j 2 -T 20 -f /tmp/rebound-ceiling-1.sql $DB | grep -E "tps|latency average"
echo "(one row per transaction: rows/s = tps)"
pgbench $PG -n -c 2 -j 2 -T 20 -f /tmp/rebound-ceiling-batch.sql $DB | grep -E "tps|latency average"
echo "(one transaction per $BATCH rows: rows/s = tps x $BATCH)"
psql $PG -q -d $DB -c "drop table pgbench_ceiling"
echo "== Rebound pipeline: $INPUTS inputs, $THREADS worker threads, batches of $BATCH"
REBOUND_TEST_DB=$DB ./mvnw -B -q test -Dtest=IngestThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.inputs="$INPUTS" -Dbench.threads="$THREADS" -Drebound.ingest.worker.batch-size="$BATCH" 2>&1 | grep "bench:"
