#!/usr/bin/env bash
# Stops every service the launcher started (PostgreSQL and RabbitMQ keep running).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
for (( i=${#JSTACK_SERVICES[@]}-1; i>=0; i-- )); do
  name="$(service_field "${JSTACK_SERVICES[$i]}" 1)"
  if service_running "$name"; then log "stopping $name"; fi
  stop_service "$name"
done
