#!/usr/bin/env bash
# The fault suite: a separate cloud instance (JSTACK_FAULTS_INSTANCE, 8 by default) with several fake compute
# hosts, driven by io.jstack.e2e.faults.FaultSuite while faults are injected: RabbitMQ restarted in the middle of
# boots and deletes, a compute agent killed -9 mid-build, PostgreSQL restarted under load, the conductor and the
# scheduler killed -9 mid-load. Each scenario prints what it injected and the outcome; the suite fails if a server
# is left stuck, a request answered 500, or an acknowledged write was lost.
#
# It restarts this machine's PostgreSQL and RabbitMQ (and starts them again as deploy/dev/lib.sh does), so run it
# where nothing else needs them at that moment (deploy/dev/test.sh runs it after the end-to-end tests).
#
#   deploy/dev/faults.sh                     start the instance, run every scenario, stop it
#                                            (JSTACK_FAULTS_ONLY=method+method runs only those FaultSuite methods)
#   deploy/dev/faults.sh inject WHAT [ARG]   one fault against the running instance (the suite calls this):
#       rabbitmq-restart [SECONDS]   stop RabbitMQ, wait, start it again
#       postgres-restart [SECONDS]   stop PostgreSQL (fast shutdown), wait, start it again
#       kill SERVICE                 kill -9 one service of the instance
#       start SERVICE                start it again and wait until it is ready
#   deploy/dev/faults.sh check WHAT          facts the suite compares (printed as key=value):
#       claims   allocations the scheduler holds, instances the compute database places on a host
#       guests   guests the fake hypervisor keeps, and those of them whose instance is on their host
#       pids     the process id of every service
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export JSTACK_INSTANCE="${JSTACK_FAULTS_INSTANCE:-8}"
export JSTACK_FAKE_HOSTS="${JSTACK_FAULTS_HOSTS:-4}" JSTACK_FAKE_HOST_PREFIX="fault-host"
# a build takes long enough for a kill to land in the middle of it
export JSTACK_FAKE_SPAWN_DELAY="${JSTACK_FAKE_SPAWN_DELAY:-3s}"
# timings shortened so that every recovery path finishes within the suite's bounds (defaults are minutes)
export JSTACK_SERVICE_DOWN_TIME="${JSTACK_SERVICE_DOWN_TIME:-20s}"
export JSTACK_PROPS_COMPUTE_AGENT="-Djstack.compute.report-interval=5s -Djstack.compute.interrupted-build-grace=15s"
export JSTACK_PROPS_CONDUCTOR="-Djstack.conductor.sweep-interval=5s -Djstack.conductor.instance-build-timeout=5m -Djstack.conductor.report-interval=5s -Djstack.conductor.placed-build-resend-after=10s"
export JSTACK_PROPS_COMPUTE_API="-Djstack.compute.outbox.resend-after=10s -Djstack.compute.outbox.max-backoff=20s"
source "$here/lib.sh"
cd "$REPO"

service_entry() {
  local entry
  for entry in "${JSTACK_SERVICES[@]}"; do
    [ "$(service_field "$entry" 1)" = "$1" ] && { echo "$entry"; return 0; }
  done
  die "no service named $1"
}

pg_version() { ls /etc/postgresql | sort -V | tail -1; }

inject() {
  case "$1" in
    rabbitmq-restart)
      log "fault: stopping RabbitMQ"
      as_root rabbitmqctl stop >/dev/null 2>&1 || true
      for _ in $(seq 1 60); do rabbitmq_up || break; sleep 0.5; done
      sleep "${2:-3}"
      ensure_rabbitmq
      log "fault: RabbitMQ is back"
      ;;
    postgres-restart)
      log "fault: stopping PostgreSQL"
      as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main stop -m fast || true
      sleep "${2:-5}"
      ensure_postgres
      log "fault: PostgreSQL is back"
      ;;
    kill)
      local pid
      pid="$(cat "$(pid_file "$2")")"
      log "fault: kill -9 $2 (pid $pid)"
      kill -9 "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      ;;
    start)
      local entry port
      entry="$(service_entry "$2")"
      port="$(port_of "$(service_field "$entry" 2)")"
      log "fault: starting $2 again"
      start_service "$2" "$port" "$(service_field "$entry" 3)"
      wait_ready "$2" "$port"
      ;;
    *) die "unknown fault $1" ;;
  esac
}

psql_value() {
  psql_admin -d "$1" -c "$2"
}

check() {
  case "$1" in
    claims)
      echo "allocations=$(psql_value "scheduler$JSTACK_DB_SUFFIX" "select count(*) from allocation")"
      echo "placed=$(psql_value "compute$JSTACK_DB_SUFFIX" "select count(*) from instances where not deleted and host is not null")"
      ;;
    guests)
      local dir="$JSTACK_RUN_DIR/data/fake-hypervisor" uuids placed
      uuids="$(cat "$dir"/*.json 2>/dev/null | /usr/bin/python3 -c '
import json, sys
text = sys.stdin.read().replace("][", "],[")
for host in json.loads("[" + text + "]") if text.strip() else []:
    for guest in host:
        print(guest["spec"]["uuid"])')"
      echo "guests=$(printf '%s' "$uuids" | grep -c . || true)"
      if [ -n "$uuids" ]; then
        placed="$(psql_value "compute$JSTACK_DB_SUFFIX" "select count(*) from instances where not deleted and host like 'fault-host-%' and uuid in ($(printf '%s\n' "$uuids" | sed "s/.*/'&'/" | paste -sd,))")"
      else
        placed=0
      fi
      echo "guests_of_placed_instances=$placed"
      ;;
    pids)
      local entry name
      for entry in "${JSTACK_SERVICES[@]}"; do
        name="$(service_field "$entry" 1)"
        echo "$name=$(cat "$(pid_file "$name")" 2>/dev/null || echo none)"
      done
      ;;
    *) die "unknown check $1" ;;
  esac
}

case "${1:-run}" in
  inject) shift; inject "$@" ;;
  check) shift; check "$@" ;;
  run)
    started=$(date +%s)
    ensure_java
    ensure_postgres
    ensure_rabbitmq
    ensure_databases
    ensure_openstack_client
    "$here/down.sh" >/dev/null 2>&1 || true
    reset_instance_state   # no hosts, servers or queued messages of an earlier run
    mkdir -p "$JSTACK_RUN_DIR"
    log "starting fault-suite cloud instance $JSTACK_INSTANCE with $JSTACK_FAKE_HOSTS fake hosts"
    JSTACK_SKIP_BUILD="${JSTACK_SKIP_BUILD:-1}" "$here/up.sh" >"$JSTACK_RUN_DIR/up.log" 2>&1 \
      || { tail -30 "$JSTACK_RUN_DIR/up.log" >&2; die "the fault-suite cloud did not start"; }
    trap '"$here/down.sh" >/dev/null 2>&1' EXIT
    for _ in $(seq 1 60); do
      up="$(OS_CLOUD="local-$JSTACK_INSTANCE-admin" openstack compute service list --service nova-compute -f value -c State 2>/dev/null | grep -c up || true)"
      [ "$up" -ge "$JSTACK_FAKE_HOSTS" ] && break; sleep 1
    done
    [ "$up" -ge "$JSTACK_FAKE_HOSTS" ] || die "only $up of $JSTACK_FAKE_HOSTS fake compute hosts are up"
    ./mvnw -B -pl e2e verify -De2e -Djstack.faults=true "-Dtest=FaultSuite${JSTACK_FAULTS_ONLY:+#$JSTACK_FAULTS_ONLY}" \
      -Dsurefire.failIfNoSpecifiedTests=false
    log "fault suite passed in $(( $(date +%s) - started )) s"
    ;;
  *) echo "usage: $0 [run] | inject WHAT [ARG] | check claims|guests|pids" >&2; exit 2 ;;
esac
