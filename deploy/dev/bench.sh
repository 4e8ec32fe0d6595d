#!/usr/bin/env bash
# Runs a benchmark program and prints its figures.
#   deploy/dev/bench.sh rpc [calls]      RPC layer vs bare RabbitMQ client (needs RabbitMQ)
#   deploy/dev/bench.sh boot N C K       N servers, C in flight, K fake hosts, through the compute API of a
#                                        separate cloud instance (JSTACK_BENCH_INSTANCE, default 9) started
#                                        from nothing for it (its databases and vhost are dropped first)
#   deploy/dev/bench.sh image [MiB]      upload and download an image through the image API vs a plain copy
#   deploy/dev/bench.sh libvirt [rounds] a real guest (the test guest under qemu): compute API create -> marker
#                                        on its console, next to a bare virsh start of the same domain; ratio.
#                                        Starts its own cloud instance (JSTACK_BENCH_INSTANCE, default 9) with
#                                        the libvirt driver
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
  boot)
    n="${1:-200}"; c="${2:-20}"; k="${3:-4}"
    export JSTACK_INSTANCE="${JSTACK_BENCH_INSTANCE:-9}" JSTACK_FAKE_HOSTS="$k" JSTACK_FAKE_HOST_PREFIX="bench-host"
    source "$here/lib.sh"   # again: ports, databases and run directory of the bench instance
    ./mvnw -B -q -pl e2e test-compile
    "$here/down.sh" >/dev/null 2>&1 || true
    reset_instance_state   # no hosts, servers or queued messages of an earlier run
    JSTACK_SKIP_BUILD="${JSTACK_SKIP_BUILD:-0}" "$here/up.sh" >/dev/null
    trap '"$here/down.sh" >/dev/null 2>&1' EXIT
    cloud="local-$JSTACK_INSTANCE-admin"
    # the benchmark's project must not be held back by quotas, yet counted against them as any project is
    OS_CLOUD="$cloud" openstack quota set --instances 100000 --cores 1000000 --ram 1000000000 admin
    for _ in $(seq 1 60); do
      up="$(OS_CLOUD="$cloud" openstack compute service list --service nova-compute -f value -c State | grep -c up || true)"
      [ "$up" -ge "$k" ] && break; sleep 1
    done
    classpath="$(./mvnw -B -q -pl e2e dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
    BENCH_IMAGE_URL="http://$JSTACK_HOST:$(port_of 9292)" "$JAVA_HOME/bin/java" \
      -cp "e2e/target/test-classes:$classpath" io.jstack.e2e.bench.BootBenchmark \
      "http://$JSTACK_HOST:$(port_of 5000)" "http://$JSTACK_HOST:$(port_of 8774)/v2.1" "$n" "$c" 42
    echo "CPU time of each service over the whole run (warm-up included):"
    for pidfile in "$JSTACK_RUN_DIR"/pids/*.pid; do
      printf '  %-18s %s\n' "$(basename "$pidfile" .pid)" "$(ps -o cputime= -p "$(cat "$pidfile")" || echo '?')"
    done
    ;;
  libvirt)
    rounds="${1:-3}"
    ensure_libvirt || die "libvirt cannot run here"
    ensure_test_guest
    export JSTACK_INSTANCE="${JSTACK_BENCH_INSTANCE:-9}" JSTACK_COMPUTE_DRIVER=libvirt
    source "$here/lib.sh"   # again: ports, databases and run directory of the bench instance
    "$here/down.sh" >/dev/null 2>&1 || true
    reset_instance_state
    JSTACK_SKIP_BUILD="${JSTACK_SKIP_BUILD:-0}" "$here/up.sh" >/dev/null
    trap '"$here/down.sh" >/dev/null 2>&1' EXIT
    cloud="local-$JSTACK_INSTANCE-admin"
    for _ in $(seq 1 60); do
      OS_CLOUD="$cloud" openstack compute service list --service nova-compute -f value -c State | grep -q up && break
      sleep 1
    done
    # shellcheck disable=SC1091
    source "$JSTACK_RUN_DIR/seed.env"
    /usr/bin/python3 "$here/bench_libvirt.py" --cloud "$cloud" --image "$JSTACK_GUEST_IMAGE_ID" \
      --instances "$JSTACK_RUN_DIR/data/instances" --rounds "$rounds"
    ;;
  image)
    # a single-file program: the JDK alone runs it against the running cloud (deploy/dev/up.sh)
    "$JAVA_HOME/bin/java" image-service/src/test/java/io/jstack/image/bench/ImageTransferBenchmark.java "${1:-1024}" \
      "${2:-3}"
    ;;
  *)
    echo "usage: $0 rpc [calls] | scheduler | boot N C K | image [MiB] [rounds] | libvirt [rounds]" >&2; exit 2 ;;
esac
