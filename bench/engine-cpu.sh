#!/bin/bash
# Bounce engine throughput in messages per CPU-second of the analysing thread (the 301 corpus mails in a loop,
# pinned to one core). Usage: bench/engine-cpu.sh [WARMUP_ROUNDS] [MEASURED_ROUNDS]   (defaults 150 100)
# Prints three measured blocks; compare revisions by running it on each, alternately, in the same conditions.
set -e
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/engine-bench.cp -Dmdep.includeScope=test >/dev/null
taskset -c "${CORE:-0}" java -Xms512m -Xmx512m -cp "target/classes:target/test-classes:$(cat target/engine-bench.cp)" \
  app.rebound.engine.bench.CpuTimeHarness src/test/resources/corpus/sisimai/emails "${1:-150}" "${2:-100}"
