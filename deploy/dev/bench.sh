#!/usr/bin/env bash
# Runs a benchmark program and prints its figures.
#   deploy/dev/bench.sh rpc [calls]      RPC layer vs bare RabbitMQ client (needs RabbitMQ)
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
  *)
    echo "usage: $0 rpc [calls]" >&2; exit 2 ;;
esac
