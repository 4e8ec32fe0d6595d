#!/usr/bin/env bash
# Runs every test: unit and service tests (against the real PostgreSQL and RabbitMQ), then the launcher's
# cloud end to end with the real OpenStack CLI, then the Tempest ratchet (deploy/tempest/passing.txt).
# Installs and starts what is missing first. The cloud stays up afterwards (deploy/dev/down.sh stops it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
cd "$REPO"
started=$(date +%s)

ensure_java
ensure_postgres
ensure_rabbitmq
ensure_databases
ensure_openstack_client
ensure_tempest
# the libvirt driver's contract tests boot a real guest where libvirt can run; elsewhere they are skipped
if ensure_libvirt && ensure_test_guest; then
  log "libvirt is running: the libvirt driver's contract tests boot the test guest"
else
  log "libvirt cannot run here: the libvirt driver's contract tests will be skipped (the fake driver's still run)"
fi

log "unit and service tests"
./mvnw -B install

log "starting the cloud"
JSTACK_SKIP_BUILD=1 "$here/up.sh"

log "end-to-end tests (openstack CLI)"
./mvnw -B -pl e2e verify -De2e

log "Tempest ratchet"
"$here/tempest.sh" --ratchet

log "all tests passed in $(( $(date +%s) - started )) s"
