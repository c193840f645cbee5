#!/usr/bin/env bash
# Load test of the bounce-log tab (issue 10, "Measure and report"): the packaged application (production profile)
# against the generated dataset (bench/generate-bounces.sh: 10,000,000 bounces, bench-01's campaign 1 holding
# 1,000,000), logged in through a real OpenID Connect code flow (app.rebound.bench.BenchOidc, a minimal provider:
# the production profile has no OIDC dev server and this machine no Keycloak), so every request pays the session
# cookie's decryption, the ID token's signature check and the membership lookup. Then wrk, 16 connections, for the
# whole page and the htmx fragment, unfiltered, deep (cursor) and with each filter. Every response is checked (a 200
# holding the bounce log; wrk alone counts the login redirect of an expired session as a success).
# Prints one line per URL: pages/s and latency p50/p90/p99/max in ms, and the count of bad responses.
# Usage: bench/bounce-log-wrk.sh [DB] [DURATION] [CONNECTIONS] [THREADS]   defaults: rebound_bench_log 20s 16 2
#   SKIP_PACKAGE=1 reuses target/quarkus-app; ONLY=regex runs only the URLs whose label matches; WARMUP=60s first.
# Needs: wrk (Debian package), the rebound role, a generated database. Run on a quiet machine; app, wrk and
# PostgreSQL share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-rebound_bench_log}; DURATION=${2:-20s}; CONNS=${3:-16}; THREADS=${4:-2}
APP_PORT=${APP_PORT:-8095}; OIDC_PORT=${OIDC_PORT:-8191}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}
T=bench-01; C=1
if ! [[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]]; then echo "bad database name: $DB" >&2; exit 2; fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
q() { psql -h "$PGHOST" -p "$PGPORT" -U rebound -d "$DB" -XAtqc "$1"; }
[ "$(q "select count(*) > 0 from campaign where tenant_id = '$T' and id = $C")" = "t" ] \
  || { echo "$DB has no campaign $T/$C: run bench/generate-bounces.sh first" >&2; exit 2; }

if [ -z "${SKIP_PACKAGE:-}" ]; then
  echo "== packaging"
  ./mvnw -B -q package -DskipTests
fi
if [ ! -f target/bench-classpath.txt ] || [ pom.xml -nt target/bench-classpath.txt ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
./mvnw -B -q -DskipTests test-compile

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
CLIENT_SECRET=bench-client-secret-$(openssl rand -hex 16)

echo "== identity provider (BenchOidc) on $OIDC_PORT, application on $APP_PORT"
java -cp "target/test-classes:$(cat target/bench-classpath.txt)" app.rebound.bench.BenchOidc "$OIDC_PORT" rebound "$CLIENT_SECRET" \
  > "$work/oidc.log" 2>&1 &
pids+=($!)
QUARKUS_HTTP_PORT=$APP_PORT \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME=rebound QUARKUS_DATASOURCE_PASSWORD=rebound \
QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$OIDC_PORT" QUARKUS_OIDC_CREDENTIALS_SECRET="$CLIENT_SECRET" \
REBOUND_SECRET_KEY=$(openssl rand -base64 48) REBOUND_SESSION_SECRET=$(openssl rand -base64 48) \
  java ${APP_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$APP_PORT/q/health/ready" >/dev/null || { echo "the application did not start:"; tail -30 "$work/app.log"; exit 1; }

echo "== logging in as bob (marketer of $T) through the code flow"
curl -s -o /dev/null -L -c "$work/jar" -b "$work/jar" "http://127.0.0.1:$APP_PORT/campaigns"
cookie=$(awk -F'\t' '$1 ~ /127\.0\.0\.1/ && $6 ~ /^q_session/ {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$work/jar")
[ -n "$cookie" ] || { echo "no session cookie after the login"; cat "$work/jar"; tail -20 "$work/app.log"; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$APP_PORT/campaigns/$C")
[ "$status" = 200 ] || { echo "the session cookie does not open the campaign page (HTTP $status)"; tail -20 "$work/app.log"; exit 1; }

# Filter values and cursors from the data: the campaign's most common and a rare recipient domain, an address,
# a week in the middle of its range, a cursor half-way down and one just after the newest month boundary.
token() { printf '%s' "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='; }
cursor_sql="floor(extract(epoch from occurred_at))::bigint || '.' || ((extract(microseconds from occurred_at)::bigint % 1000000) * 1000) || '.' || id"
total=$(q "select hard + soft + complaint + auto_reply + other from campaign_bounce_count where tenant_id = '$T' and campaign_id = $C")
mid=$(q "select $cursor_sql from bounce where tenant_id = '$T' and campaign_id = $C order by occurred_at desc, id desc offset $((total / 2)) limit 1")
month=$(q "select $cursor_sql from bounce where tenant_id = '$T' and campaign_id = $C
             and occurred_at >= date_trunc('month', (select max(occurred_at) from bounce where tenant_id = '$T' and campaign_id = $C))
           order by occurred_at, id limit 1")
common=$(q "select recipient_domain from bounce where tenant_id = '$T' and campaign_id = $C and occurred_at > now() - interval '3 days'
            group by 1 order by count(*) desc limit 1")
rare=$(q "select recipient_domain from bounce where tenant_id = '$T' and campaign_id = $C and occurred_at > now() - interval '20 days'
          group by 1 order by count(*), 1 limit 1")
addr=$(q "select recipient_email from bounce where tenant_id = '$T' and campaign_id = $C order by occurred_at desc, id desc offset 1000 limit 1")
from=$(q "select (min(occurred_at) + (max(occurred_at) - min(occurred_at)) / 2)::date from bounce where tenant_id = '$T' and campaign_id = $C")
to=$(q "select ('$from'::date + 6)")
base="http://127.0.0.1:$APP_PORT/campaigns/$C/bounces"
urls=(
  "unfiltered|$base"
  "deep (cursor half-way)|$base?before=$(token "$mid")"
  "cursor after month boundary|$base?before=$(token "$month")"
  "type=hard|$base?type=hard"
  "type=complaint|$base?type=complaint"
  "code=5.1 (class+subject)|$base?code=5.1"
  "code=5.7.1 (exact)|$base?code=5.7.1"
  "fault=sender|$base?fault=sender"
  "investigate|$base?investigate=1"
  "domain=$common (common)|$base?domain=$common"
  "domain=$rare (rare)|$base?domain=$rare"
  "date $from..$to|$base?from=$from&to=$to"
  "reason contains 'mailbox'|$base?reason=mailbox"
  "address (local part)|$base?address=${addr%%@*}"
  "address (whole)|$base?address=${addr/@/%40}"
  "address @firm42. (domain part)|$base?address=%40firm42."
  "type=soft+code=4.2.2+domain|$base?type=soft&code=4.2.2&domain=$common"
)
# JIT warm-up: the C2 compiler alone takes tens of seconds of CPU after a start; measuring before it settles
# measures the compiler
echo "== warm-up: ${WARMUP:-60s} on the unfiltered page and fragment"
wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP:-60s}" -H "Cookie: $cookie" -s bench/bounce-log.lua "$base" >/dev/null 2>&1 || true
wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP:-60s}" -H "Cookie: $cookie" -H "HX-Request: true" -s bench/bounce-log.lua "$base" >/dev/null 2>&1 || true
echo "== campaign $T/$C: $total bounces; wrk -t$THREADS -c$CONNS -d$DURATION per URL; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %-8s %8s %8s %8s %8s %8s %s\n' "filter" "kind" "pages/s" "p50" "p90" "p99" "max" "bad"
for entry in "${urls[@]}"; do
  label=${entry%%|*}; url=${entry#*|}
  if [ -n "${ONLY:-}" ] && ! [[ "$label" =~ $ONLY ]]; then continue; fi
  for kind in page fragment; do
    hdr=(-H "Cookie: $cookie")
    [ "$kind" = fragment ] && hdr+=(-H "HX-Request: true")
    # a short warm-up per URL (JIT, plan cache), then the measured run
    wrk -t"$THREADS" -c"$CONNS" -d3s "${hdr[@]}" -s bench/bounce-log.lua "$url" >/dev/null 2>&1 || true
    out=$(MARKER='id="bounce-log"' wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "${hdr[@]}" -s bench/bounce-log.lua "$url")
    r=$(grep '^RESULT' <<<"$out")
    rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$r"); p50=$(sed -E 's/.*p50=([0-9.]+).*/\1/' <<<"$r")
    p90=$(sed -E 's/.*p90=([0-9.]+).*/\1/' <<<"$r"); p99=$(sed -E 's/.*p99=([0-9.]+).*/\1/' <<<"$r")
    max=$(sed -E 's/.*max=([0-9.]+).*/\1/' <<<"$r"); bad=$(sed -E 's/.*bad=([0-9]+).*errors=([0-9]+).*/\1+\2/' <<<"$r")
    printf '%-34s %-8s %8s %8s %8s %8s %8s %s\n' "$label" "$kind" "$rps" "$p50" "$p90" "$p99" "$max" "$bad"
    grep '^FIRST_BAD' <<<"$out" || true
  done
done
