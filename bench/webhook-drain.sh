#!/usr/bin/env bash
# Outgoing webhooks: outbox write rate, then the backlog drain after a receiver outage (default: one hour at 100
# events/s = 360,000 events over 120,000 subscribers, three each, so per-subscriber ordering is exercised) to a local
# receiver that verifies every signature. Uses the database rebound_bench_webhooks (wiped by Flyway; REBOUND_TEST_DB
# overrides). Usage: bench/webhook-drain.sh [EVENTS] [SUBSCRIBERS]. Prints lines starting with "bench:".
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-360000}; S=${2:-120000}
REBOUND_TEST_DB=${REBOUND_TEST_DB:-rebound_bench_webhooks} ./mvnw -B -q test -o -Dtest=WebhookDrainBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.events="$N" -Dbench.subscribers="$S" 2>&1 | grep "bench:"
