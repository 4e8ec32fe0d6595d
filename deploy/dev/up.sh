#!/usr/bin/env bash
# Starts the whole cloud on this machine: installs or starts PostgreSQL and RabbitMQ, creates the databases,
# builds, starts every service in the background (logs under .run/logs), bootstraps an admin, and writes
# credentials (.run/openrc*, and clouds "local" and "local-admin" in ~/.config/openstack/clouds.yaml), and
# seeds the default flavors (m1.*) and a small test image (deploy/dev/seed.py).
# JSTACK_COMPUTE_DRIVER=libvirt runs real guests: it installs and starts libvirt and qemu where they are missing,
# builds the tiny test guest (deploy/dev/guest.sh) and uploads it as the image jstack-test-guest.
# Safe to run again: it rebuilds and restarts what changed.
#   JSTACK_SKIP_BUILD=1  use the jars already built
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
cd "$REPO"

ensure_java
ensure_postgres
ensure_rabbitmq
ensure_databases
ensure_openstack_client
guest_args=()
if [ "${JSTACK_COMPUTE_DRIVER:-fake}" = "libvirt" ]; then
  # real guests: libvirt and qemu, and the tiny test guest uploaded as an image
  ensure_libvirt || die "JSTACK_COMPUTE_DRIVER=libvirt, but libvirt cannot run here (see above)"
  ensure_test_guest
  guest_args=(--guest-image "$(guest_dir)/disk.qcow2")
fi

if [ "${JSTACK_SKIP_BUILD:-0}" != "1" ]; then
  log "building"
  ./mvnw -B -q install -DskipTests
fi

for entry in "${JSTACK_SERVICES[@]}"; do
  name="$(service_field "$entry" 1)"; port="$(port_of "$(service_field "$entry" 2)")"; db="$(service_field "$entry" 3)"
  log "starting $name on port $port"
  start_service "$name" "$port" "$db"
  wait_ready "$name" "$port"
done

"$here/credentials.sh"

cloud="local"; [ "$JSTACK_INSTANCE" = "0" ] || cloud="local-$JSTACK_INSTANCE"
log "seeding flavors and a test image"
/usr/bin/python3 "$here/seed.py" --cloud "$cloud-admin" --out "$JSTACK_RUN_DIR/seed.env" "${guest_args[@]}"
cat <<MSG

  The cloud is up. Logs: $JSTACK_RUN_DIR/logs

    export OS_CLOUD=$cloud-admin        # or: source $JSTACK_RUN_DIR/openrc
    openstack token issue
    openstack catalog list

  OS_CLOUD=$cloud is the member user "demo" (project demo). Stop with deploy/dev/down.sh.

MSG
