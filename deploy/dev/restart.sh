#!/usr/bin/env bash
# Restarts one service of the launcher's cloud from its built jar: deploy/dev/restart.sh image-service
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
ensure_java
want="${1:?usage: $0 <service>}"
for entry in "${JSTACK_SERVICES[@]}"; do
  name="$(service_field "$entry" 1)"
  [ "$name" = "$want" ] || continue
  port="$(port_of "$(service_field "$entry" 2)")"
  log "restarting $name"
  start_service "$name" "$port" "$(service_field "$entry" 3)"
  wait_ready "$name" "$port"
  exit 0
done
die "no service named $want"
