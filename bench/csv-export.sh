#!/usr/bin/env bash
# Measures the CSV export of a 1,000,000-bounce campaign (issue 10, "Measure and report"): the whole log of bench-01's
# campaign 1 downloaded as a stream through the application (app.rebound.bench.CsvExportBench, a Quarkus test run on
# demand that prints and asserts no time): time to first byte, total time, rows per second, and the JVM's peak heap
# during the download, with the heap capped (-Xmx, default 512m) to show the export does not grow with the rows.
# Usage: bench/csv-export.sh [DB] [--generate] [XMX]
#   --generate first (re)fills DB with bench/generate-bounces.sh at a small size that still holds the 1,000,000-bounce
#              campaign (1,040,000 bounces, 2 tenants x 3 campaigns, 20,000 subscribers each; WIPES the database).
#              Without it, DB must already hold such a campaign (e.g. the default 10,000,000 dataset).
# Needs: the rebound role (README "Test it") and, for --generate, the postgres superuser over TCP.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-rebound_bench_csv}; XMX=${3:-512m}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}
if ! [[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]]; then echo "bad database name: $DB" >&2; exit 2; fi
if ! [[ "$XMX" =~ ^[0-9]+[mg]$ ]]; then echo "bad heap size: $XMX" >&2; exit 2; fi
if [ "${2:-}" = "--generate" ]; then
  bench/generate-bounces.sh "$DB" 1040000 1000000 2 3 20000
fi
echo "== bounces in bench-01's campaign 1: $(psql -h "$PGHOST" -p "$PGPORT" -U rebound -d "$DB" -Atqc \
  "select hard + soft + complaint + auto_reply + other from campaign_bounce_count where tenant_id = 'bench-01' and campaign_id = 1")"
echo "== machine: $(nproc) cores, load: $(uptime | sed 's/.*load average: //'), heap capped at $XMX"
REBOUND_TEST_DB="$DB" ./mvnw -B test -Dtest=CsvExportBench -Drebound.bench=true -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx$XMX" 2>&1 | grep -E "^BENCH|Tests run:|ERROR|OutOfMemory" || true
echo "== load after: $(uptime | sed 's/.*load average: //')"
