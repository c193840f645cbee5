#!/usr/bin/env bash
# Campaign send throughput to the bounce simulator, and retries processed per second with N due at once.
# Uses the database rebound_bench_sending (wiped by Flyway; REBOUND_TEST_DB overrides). Usage: bench/send-throughput.sh [RECIPIENTS] [CONNECTIONS]
# (defaults 100000 8; CONNECTIONS is the SMTP connections of the campaign send and the retry workers). Prints lines starting with "bench:".
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}; K=${2:-8}
echo "bench: load before: $(uptime)"
REBOUND_TEST_DB=${REBOUND_TEST_DB:-rebound_bench_sending} ./mvnw -B -q test -o -Dtest=SendThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.recipients="$N" -Drebound.sending.connections="$K" -Drebound.sending.batch-size=500 2>&1 | grep "bench:"
echo "bench: load after: $(uptime)"
