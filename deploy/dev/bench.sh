#!/usr/bin/env bash
# Runs a benchmark program and prints its figures.
#   deploy/dev/bench.sh rpc [calls]      RPC layer vs bare RabbitMQ client (needs RabbitMQ)
#   deploy/dev/bench.sh scheduler        select_destinations: in-memory filter/weigh (JMH) over 1000 and 5000
#                                        hosts, then end to end with claims in PostgreSQL (wipes scheduler_test)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
cd "$REPO"
ensure_java
what="${1:-}"; shift || true
case "$what" in
  rpc)
    ensure_rabbitmq
    ./mvnw -B -q -pl common test-compile exec:java -Dexec.classpathScope=test \
      -Dexec.mainClass=io.jstack.common.rpc.RpcBenchmark -Dexec.args="${*:-}"
    ;;
  scheduler)
    ensure_postgres
    ensure_databases
    ./mvnw -B -q -pl common install -DskipTests
    ./mvnw -B -q -pl scheduler test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable="$JAVA_HOME/bin/java" \
      -Dexec.args="-cp %classpath org.openjdk.jmh.Main -rf text -rff target/jmh.txt ${JMH_ARGS:-SelectionBenchmark}"
    ./mvnw -B -q -pl scheduler exec:exec -Dexec.classpathScope=test -Dexec.executable="$JAVA_HOME/bin/java" \
      -Dexec.args="${BENCH_OPTS:-} -cp %classpath io.jstack.scheduler.bench.SelectDestinationsBenchmark"
    ;;
  *)
    echo "usage: $0 rpc [calls] | scheduler" >&2; exit 2 ;;
esac
