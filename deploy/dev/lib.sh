# Shared functions of the one-machine launcher scripts. Sourced, not run.
# Every setting can be overridden from the environment; the defaults suit one machine.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# JSTACK_INSTANCE=N (1-9) runs a second, independent cloud on the same machine: every port shifted by N*100,
# its own databases (suffix _iN), broker virtual host and run directory. 0 (the default) is the normal cloud.
export JSTACK_INSTANCE="${JSTACK_INSTANCE:-0}"
JSTACK_PORT_OFFSET=$(( JSTACK_INSTANCE * 100 ))
if [ "$JSTACK_INSTANCE" = "0" ]; then
  JSTACK_DB_SUFFIX=""; JSTACK_VHOST="/"; default_run_dir="$REPO/.run"
else
  JSTACK_DB_SUFFIX="_i$JSTACK_INSTANCE"; JSTACK_VHOST="jstack-i$JSTACK_INSTANCE"
  default_run_dir="$REPO/.run/instance-$JSTACK_INSTANCE"
fi
# logs, pids, generated files; an inherited value made for another instance does not count
if [ -z "${JSTACK_RUN_DIR:-}" ] || { [ -n "${JSTACK_RUN_DIR_INSTANCE:-}" ] && [ "$JSTACK_RUN_DIR_INSTANCE" != "$JSTACK_INSTANCE" ]; }; then
  JSTACK_RUN_DIR="$default_run_dir"
fi
export JSTACK_RUN_DIR JSTACK_RUN_DIR_INSTANCE="$JSTACK_INSTANCE"
export JSTACK_HOST="${JSTACK_HOST:-127.0.0.1}"               # address services listen on and advertise
export JSTACK_DB_USER="${JSTACK_DB_USER:-jstack}"
export JSTACK_DB_PASSWORD="${JSTACK_DB_PASSWORD:-jstack}"
export JSTACK_DB_HOST="${JSTACK_DB_HOST:-127.0.0.1}"
export JSTACK_DB_PORT="${JSTACK_DB_PORT:-5432}"
export JSTACK_RABBITMQ_HOST="${JSTACK_RABBITMQ_HOST:-127.0.0.1}"
export JSTACK_RABBITMQ_PORT="${JSTACK_RABBITMQ_PORT:-5672}"
export JSTACK_ADMIN_PASSWORD="${JSTACK_ADMIN_PASSWORD:-secret}"
export JSTACK_DEMO_PASSWORD="${JSTACK_DEMO_PASSWORD:-secret}"
export JSTACK_REGION="${JSTACK_REGION:-RegionOne}"

export JSTACK_SERVICE_PASSWORD="${JSTACK_SERVICE_PASSWORD:-service-secret}"
export JSTACK_JAVA_OPTS="${JSTACK_JAVA_OPTS:--Xms64m -Xmx512m}"

# Each service: name, port, database (- for none). Started in this order. No base port is another's plus a
# multiple of 100, so instances (ports + 100 x N) never take each other's ports.
JSTACK_SERVICES=(
  "identity-service 5000 identity"
  "image-service 9292 image"
  "scheduler 8791 scheduler"
  "conductor 8790 compute"
  "compute-api 8774 compute"
  "compute-agent 8793 -"
)
# Each module's tests use their own broker virtual host, so test runs never take a live cloud's messages.
JSTACK_TEST_VHOSTS=(jstack-test-common jstack-test-identity jstack-test-image jstack-test-scheduler
  jstack-test-conductor jstack-test-compute-api jstack-test-compute-agent)

service_field() { echo "$1" | awk -v f="$2" '{print $f}'; }
# The port a service of this instance listens on, from its base port.
port_of() { echo $(( $1 + JSTACK_PORT_OFFSET )); }
identity_port() { port_of 5000; }

log() { printf '\033[1m[jstack]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[jstack] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A JDK 25: JAVA_HOME if it is one, else one under /usr/lib/jvm.
ensure_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "no JDK 25 found: install one (for example Temurin 25) and set JAVA_HOME"
}

ensure_postgres() {
  if ! pg_isready -h "$JSTACK_DB_HOST" -p "$JSTACK_DB_PORT" -q 2>/dev/null; then
    command -v pg_ctlcluster >/dev/null || apt_install postgresql
    local version
    version="$(ls /etc/postgresql | sort -V | tail -1)"
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 60); do pg_isready -h "$JSTACK_DB_HOST" -p "$JSTACK_DB_PORT" -q && break; sleep 0.5; done
    pg_isready -h "$JSTACK_DB_HOST" -p "$JSTACK_DB_PORT" -q || die "PostgreSQL did not start"
  fi
}

psql_admin() {
  as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"
}

# The service role and one database per service (and a _test twin for the test suites).
# The database base names of the services that keep one (one per line, each once).
service_databases() {
  local entry db
  for entry in "${JSTACK_SERVICES[@]}"; do
    db="$(service_field "$entry" 3)"
    [ "$db" != "-" ] && echo "$db"
  done | sort -u
}

ensure_databases() {
  ensure_postgres
  if [ "$(psql_admin -c "select 1 from pg_roles where rolname='$JSTACK_DB_USER'")" != "1" ]; then
    psql_admin -c "create role $JSTACK_DB_USER login password '$JSTACK_DB_PASSWORD'"
  fi
  local db name
  for db in $(service_databases); do
    for name in "$db$JSTACK_DB_SUFFIX" "${db}_test"; do
      if [ "$(psql_admin -c "select 1 from pg_database where datname='$name'")" != "1" ]; then
        psql_admin -c "create database $name owner $JSTACK_DB_USER"
      fi
    done
  done
}

# Forgets everything a cloud instance other than the first has kept: its databases, its RabbitMQ vhost and its
# data directory (the benchmarks start from nothing, so hosts of an earlier run are not taken for live ones).
reset_instance_state() {
  [ "${JSTACK_INSTANCE:-0}" != "0" ] || die "refusing to reset the first cloud instance"
  local db
  for db in $(service_databases); do
    psql_admin -c "drop database if exists $db$JSTACK_DB_SUFFIX with (force)" >/dev/null
  done
  if rabbitmq_up; then as_root rabbitmqctl -q delete_vhost "$JSTACK_VHOST" >/dev/null 2>&1 || true; fi
  destroy_instance_guests
  rm -rf "$JSTACK_RUN_DIR/data"
}

rabbitmq_up() {
  (exec 3<>"/dev/tcp/$JSTACK_RABBITMQ_HOST/$JSTACK_RABBITMQ_PORT") 2>/dev/null
}

ensure_rabbitmq() {
  rabbitmq_up && { ensure_vhost; return 0; }
  command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
  log "starting RabbitMQ"
  as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 120); do as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1 && break; sleep 1; done
  as_root rabbitmqctl await_startup >/dev/null 2>&1 || die "RabbitMQ did not start"
  rabbitmq_up || die "RabbitMQ is not listening on $JSTACK_RABBITMQ_HOST:$JSTACK_RABBITMQ_PORT"
  ensure_vhost
}

ensure_vhost() {
  local vhosts
  vhosts="$(as_root rabbitmqctl -q list_vhosts 2>/dev/null)"
  for vhost in "$JSTACK_VHOST" "${JSTACK_TEST_VHOSTS[@]}"; do
    [ "$vhost" = "/" ] && continue
    echo "$vhosts" | grep -qx "$vhost" && continue
    as_root rabbitmqctl -q add_vhost "$vhost" >/dev/null
    as_root rabbitmqctl -q set_permissions -p "$vhost" guest ".*" ".*" ".*" >/dev/null
  done
}

# The Debian packages of the OpenStack command-line client and SDK, for end-to-end tests and users.
ensure_openstack_client() {
  command -v openstack >/dev/null && /usr/bin/python3 -c 'import openstack' 2>/dev/null && return 0
  apt_install python3-openstackclient python3-openstacksdk
}

# ---- libvirt and the test guest ------------------------------------------------------------------------------------

# The packages of the libvirt driver (daemon, client, qemu, qemu-img, genisoimage for config drives) and of the
# test guest's build (deploy/dev/guest.sh).
JSTACK_LIBVIRT_PACKAGES=(libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils genisoimage)
JSTACK_GUEST_PACKAGES=(busybox-static syslinux syslinux-common mtools dosfstools)

libvirt_up() { virsh -q -c qemu:///system uri >/dev/null 2>&1; }

# Installs libvirt and qemu where they are missing and starts libvirtd and virtlogd without systemd (as root).
# Idempotent: a running libvirtd is left alone. Returns non-zero (after saying why) where libvirt cannot run.
ensure_libvirt() {
  apt_install "${JSTACK_LIBVIRT_PACKAGES[@]}" "${JSTACK_GUEST_PACKAGES[@]}" || { log "libvirt: packages could not be installed"; return 1; }
  libvirt_up && return 0
  local conf=/etc/libvirt/qemu.conf
  # qemu as root: no per-start re-probe of qemu for another user, and instance files need no chown
  if ! grep -q '^user = "root"' "$conf"; then
    printf '\n# jstack launcher: qemu runs as root (no re-probe per start)\nuser = "root"\ngroup = "root"\n' | as_root tee -a "$conf" >/dev/null
  fi
  as_root mkdir -p /run/libvirt
  pgrep -x virtlogd >/dev/null || as_root virtlogd -d
  pgrep -x libvirtd >/dev/null || as_root libvirtd -d
  for _ in $(seq 1 100); do libvirt_up && break; sleep 0.1; done
  libvirt_up || { log "libvirt: libvirtd did not start"; return 1; }
  # the first capabilities query probes qemu (several seconds): start it now so it overlaps the build
  (virsh -q -c qemu:///system capabilities >/dev/null 2>&1 &)
  return 0
}

# Destroys the libvirt guests of this cloud instance (those whose directory is in its instances path): stopping
# the agent leaves guests running, as nova-compute does, so a reset removes them explicitly.
destroy_instance_guests() {
  local dir id
  command -v virsh >/dev/null && libvirt_up || return 0
  for dir in "$JSTACK_RUN_DIR"/data/instances/*/; do
    [ -d "$dir" ] || continue
    id="$(basename "$dir")"
    virsh -q -c qemu:///system destroy "instance-$id" >/dev/null 2>&1 || true
    virsh -q -c qemu:///system undefine --managed-save "instance-$id" >/dev/null 2>&1 || true
  done
}

# The tiny test guest (deploy/dev/guest.sh), built once and kept under the run directories' common root.
guest_dir() { echo "${JSTACK_GUEST_DIR:-$REPO/.run/guest}"; }
ensure_test_guest() {
  "$REPO/deploy/dev/guest.sh" "$(guest_dir)" >&2
}

ensure_tempest() {
  command -v tempest >/dev/null && return 0
  apt_install tempest
}

# ---- services ----------------------------------------------------------------------------------------------------

pid_file() { echo "$JSTACK_RUN_DIR/pids/$1.pid"; }
policy_file() { echo "$JSTACK_RUN_DIR/policy/$1.yaml"; }

service_running() {
  local pid
  pid="$(cat "$(pid_file "$1")" 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

stop_service() {
  local name="$1" pid
  pid="$(cat "$(pid_file "$name")" 2>/dev/null)" || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
}

# The settings one service runs with (as -D system properties): its port, its database, the broker, the
# identity service, and per-service extras.
service_props() {
  local name="$1" port="$2" db="$3"
  echo "-Dquarkus.http.port=$port"
  # malformed URLs are refused by the service (common's HttpEdge) in its fault shape, not by Quarkus (empty 400)
  echo "-Dvertx.disableURIValidation=true"
  if [ "$db" != "-" ]; then
    echo "-Dquarkus.datasource.username=$JSTACK_DB_USER"
    echo "-Dquarkus.datasource.password=$JSTACK_DB_PASSWORD"
    echo "-Dquarkus.datasource.reactive.url=postgresql://$JSTACK_DB_HOST:$JSTACK_DB_PORT/$db$JSTACK_DB_SUFFIX"
    echo "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://$JSTACK_DB_HOST:$JSTACK_DB_PORT/$db$JSTACK_DB_SUFFIX"
  fi
  echo "-Djstack.rpc.host=$JSTACK_RABBITMQ_HOST"
  echo "-Djstack.rpc.port=$JSTACK_RABBITMQ_PORT"
  echo "-Djstack.rpc.virtual-host=$JSTACK_VHOST"
  echo "-Djstack.auth.identity-url=http://$JSTACK_HOST:$(identity_port)"
  echo "-Djstack.auth.service-user.password=$JSTACK_SERVICE_PASSWORD"
  # the operator's policy overrides for this instance (absent: the defaults in code; deploy/dev/policy.sh lists them)
  echo "-Djstack.policy.file=$(policy_file "$name")"
  case "$name" in
    identity-service)
      echo "-Djstack.identity.bootstrap.admin-password=$JSTACK_ADMIN_PASSWORD"
      echo "-Djstack.identity.bootstrap.service-password=$JSTACK_SERVICE_PASSWORD"
      echo "-Djstack.identity.bootstrap.member-user=demo"
      echo "-Djstack.identity.bootstrap.member-password=$JSTACK_DEMO_PASSWORD"
      echo "-Djstack.identity.bootstrap.region=$JSTACK_REGION"
      echo "-Djstack.identity.bootstrap.public-host=$JSTACK_HOST"
      local h="http://$JSTACK_HOST"
      # the catalog lists what this launcher runs (volume and object storage are not part of it yet)
      echo "-Djstack.identity.bootstrap.services=identity,compute,image"
      echo "-Djstack.identity.bootstrap.endpoints.identity=$h:$(port_of 5000)/v3"
      echo "-Djstack.identity.bootstrap.endpoints.compute=$h:$(port_of 8774)/v2.1"
      echo "-Djstack.identity.bootstrap.endpoints.image=$h:$(port_of 9292)"
      echo "-Djstack.identity.bootstrap.endpoints.volumev3=$h:$(port_of 8776)/v3/\$(project_id)s"
      echo "-Djstack.identity.bootstrap.endpoints.block-storage=$h:$(port_of 8776)/v3/\$(project_id)s"
      echo "-Djstack.identity.bootstrap.endpoints.object-store=$h:$(port_of 8080)/v1/AUTH_\$(project_id)s"
      ;;
    image-service)
      echo "-Djstack.image.store.directory=$JSTACK_RUN_DIR/data/images"
      # web-download refuses internal addresses; Tempest's image server (tempest.sh) is this one
      echo "-Djstack.image.import.web-download.allowed-internal-targets=${JSTACK_WEB_DOWNLOAD_INTERNAL_TARGETS:-127.0.0.1:80}"
      ;;
    scheduler)
      # a host whose agent has not reported for this long gets no new servers (as os-services shows it down)
      echo "-Djstack.scheduler.service-down-time=${JSTACK_SERVICE_DOWN_TIME:-60s}"
      # the name it reports under in os-services (nova-scheduler)
      echo "-Djstack.scheduler.host=${JSTACK_SCHEDULER_HOST:-$(hostname)}"
      ;;
    compute-api)
      # images are checked with the caller's token on this instance's image service
      echo "-Djstack.compute.image-url=http://$JSTACK_HOST:$(port_of 9292)"
      echo "-Djstack.compute.service-down-time=${JSTACK_SERVICE_DOWN_TIME:-60s}"
      ;;
    conductor)
      # the name the conductor reports under in os-services, and when a silent agent's host counts as down
      echo "-Djstack.conductor.host=${JSTACK_CONDUCTOR_HOST:-$(hostname)}"
      echo "-Djstack.conductor.service-down-time=${JSTACK_SERVICE_DOWN_TIME:-60s}"
      ;;
    compute-agent)
      # the virt driver and the hosts this agent serves: one fake host named after the machine by default;
      # JSTACK_FAKE_HOSTS=N (and JSTACK_FAKE_HOST_PREFIX) run N fake hosts in this one process
      echo "-Djstack.compute.driver=${JSTACK_COMPUTE_DRIVER:-fake}"
      echo "-Djstack.compute.host=${JSTACK_COMPUTE_HOST:-$(hostname)}"
      echo "-Djstack.compute.my-ip=$JSTACK_HOST"
      # guests' images come from this instance's image service
      echo "-Djstack.compute.image-url=http://$JSTACK_HOST:$(port_of 9292)"
      # the libvirt driver keeps instance disks, config drives, console logs and its image cache per cloud instance
      echo "-Djstack.compute.libvirt.instances-path=$JSTACK_RUN_DIR/data/instances"
      echo "-Djstack.compute.libvirt.virt-type=${JSTACK_LIBVIRT_VIRT_TYPE:-auto}"
      echo "-Djstack.compute.fake.host-count=${JSTACK_FAKE_HOSTS:-1}"
      if [ -n "${JSTACK_FAKE_HOST_PREFIX:-}" ]; then echo "-Djstack.compute.fake.host-prefix=$JSTACK_FAKE_HOST_PREFIX"; fi
      if [ -n "${JSTACK_FAKE_SPAWN_DELAY:-}" ]; then echo "-Djstack.compute.fake.spawn-delay=$JSTACK_FAKE_SPAWN_DELAY"; fi
      # fake guests outlive the agent process, as guests outlive nova-compute on a real hypervisor
      echo "-Djstack.compute.fake.state-directory=$JSTACK_RUN_DIR/data/fake-hypervisor"
      ;;
  esac
  # extra settings of one service from the environment: JSTACK_PROPS_<NAME> (the service's name in capitals, "-" as
  # "_"), for example JSTACK_PROPS_CONDUCTOR="-Djstack.conductor.sweep-interval=5s" (the fault suite uses these)
  local extra="JSTACK_PROPS_$(echo "$name" | tr 'a-z-' 'A-Z_')"
  if [ -n "${!extra:-}" ]; then
    local prop
    for prop in ${!extra}; do echo "$prop"; done
  fi
}

start_service() {
  local name="$1" port="$2" db="$3"
  local jar="$REPO/$name/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || die "$name is not built ($jar missing)"
  mkdir -p "$JSTACK_RUN_DIR/pids" "$JSTACK_RUN_DIR/logs"
  stop_service "$name"
  local props=()
  while IFS= read -r line; do props+=("$line"); done < <(service_props "$name" "$port" "$db")
  # the service outlives this script: it must not inherit the descriptors it holds (the test lock's above all,
  # which would stay held for as long as the service runs)
  # shellcheck disable=SC2086
  ( for fd in /proc/$BASHPID/fd/*; do n="${fd##*/}"; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done
    exec nohup "$JAVA_HOME/bin/java" $JSTACK_JAVA_OPTS --enable-native-access=ALL-UNNAMED "${props[@]}" \
      -jar "$jar" >"$JSTACK_RUN_DIR/logs/$name.log" 2>&1 ) &
  echo $! >"$(pid_file "$name")"
}

wait_ready() {
  local name="$1" port="$2"
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then return 0; fi
    service_running "$name" || { tail -40 "$JSTACK_RUN_DIR/logs/$name.log" >&2; die "$name stopped while starting"; }
    sleep 0.5
  done
  tail -40 "$JSTACK_RUN_DIR/logs/$name.log" >&2
  die "$name did not become ready on port $port"
}
