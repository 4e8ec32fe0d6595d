#!/usr/bin/env bash
# Runs OpenStack's API test suite (Tempest) against the launcher's cloud.
#   deploy/dev/tempest.sh [regex]      run a selection (default: everything in scope) and print the counts
#   deploy/dev/tempest.sh --ratchet    run exactly the tests in deploy/tempest/passing.txt; fail if one fails
#   deploy/dev/tempest.sh --list R     list the tests a regex selects
#   deploy/dev/tempest.sh --record     add the tests that passed in the last run to the ratchet list
# The workspace (config, logs, results) is .run/tempest. TEMPEST_CONCURRENCY sets parallelism (default 2).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
ensure_tempest

ws="$JSTACK_RUN_DIR/tempest"
passing="$REPO/deploy/tempest/passing.txt"
excluded="$REPO/deploy/tempest/excluded.txt"
concurrency="${TEMPEST_CONCURRENCY:-2}"
# What this cloud offers so far; later services extend it.
scope='^tempest\.api\.(identity\.(v3|admin\.v3)|image\.v2|compute)\.'

# compute tests boot the seeded image (deploy/dev/seed.py, run by up.sh) on the m1.nano/m1.micro flavors
seed_env="$JSTACK_RUN_DIR/seed.env"
if [ ! -f "$seed_env" ]; then
  cloud="local"; [ "$JSTACK_INSTANCE" = "0" ] || cloud="local-$JSTACK_INSTANCE"
  /usr/bin/python3 "$here/seed.py" --cloud "$cloud-admin" --out "$seed_env"
fi
# shellcheck disable=SC1090
source "$seed_env"
# the newest compute microversion compute-api serves
compute_max="$(curl -fsS "http://$JSTACK_HOST:$(port_of 8774)/v2.1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["version"]["version"])')"

mkdir -p "$ws"
export HOME="$JSTACK_RUN_DIR/tempest-home"   # keeps tempest's workspace registry out of the real home
mkdir -p "$HOME"
if [ ! -f "$ws/.stestr.conf" ]; then
  tempest init "$ws" >/dev/null
fi
mkdir -p "$ws/etc" "$ws/logs" "$ws/lock" "$ws/http"

# web-download imports fetch an image over http from port 80 (the image service's default allowed ports)
if [ ! -f "$ws/http/test-image.img" ]; then
  head -c 1048576 /dev/urandom >"$ws/http/test-image.img"
fi
if ! curl -fsS -o /dev/null "http://127.0.0.1/test-image.img" 2>/dev/null; then
  # the server outlives this run: it must not inherit the test lock's descriptor (or any other), or the lock
  # would stay held after the run
  ( for fd in /proc/$BASHPID/fd/*; do n="${fd##*/}"; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done
    as_root nohup /usr/bin/python3 -m http.server 80 --bind 127.0.0.1 --directory "$ws/http" \
      >"$ws/logs/http.log" 2>&1 ) &
  for _ in $(seq 1 20); do curl -fsS -o /dev/null "http://127.0.0.1/test-image.img" 2>/dev/null && break; sleep 0.2; done
fi
cat >"$ws/etc/tempest.conf" <<CONF
[DEFAULT]
log_file = tempest.log
log_dir = $ws/logs
[oslo_concurrency]
lock_path = $ws/lock
[auth]
use_dynamic_credentials = true
admin_username = admin
admin_password = $JSTACK_ADMIN_PASSWORD
admin_project_name = admin
admin_domain_name = Default
admin_user_domain_name = Default
admin_project_domain_name = Default
default_credentials_domain_name = Default
create_isolated_networks = false
tempest_roles = member
[identity]
uri_v3 = http://$JSTACK_HOST:$(identity_port)/v3
auth_version = v3
region = $JSTACK_REGION
v3_endpoint_type = public
admin_role = admin
default_domain_id = default
[identity-feature-enabled]
api_v2 = false
api_v3 = true
trust = true
access_rules = true
security_compliance = false
application_credentials = true
project_tags = true
[service_available]
nova = true
glance = true
cinder = false
swift = false
neutron = false
horizon = false
[image]
http_image = http://127.0.0.1/test-image.img
catalog_type = image
endpoint_type = publicURL
region = $JSTACK_REGION
build_interval = 1
build_timeout = 60
container_formats = bare,ovf,ami,ari,aki
disk_formats = qcow2,raw,vmdk,vdi,iso,ami,ari,aki
[image-feature-enabled]
api_v1 = false
api_v2 = true
import_image = true
os_glance_reserved = true
manage_locations = false
[compute]
catalog_type = compute
endpoint_type = publicURL
region = $JSTACK_REGION
image_ref = $JSTACK_TEST_IMAGE_ID
image_ref_alt = $JSTACK_TEST_IMAGE_ID
flavor_ref = 42
flavor_ref_alt = 84
min_microversion = 2.1
max_microversion = $compute_max
build_interval = 1
build_timeout = 60
[compute-feature-enabled]
console_output = true
pause = true
suspend = true
# resize, snapshot (createImage), rebuild and the migrations are not implemented by the compute family yet
resize = false
snapshot = false
shelve = false
shelve_migrate = false
cold_migration = false
live_migration = false
rescue = false
change_password = false
vnc_console = false
serial_console = false
spice_console = false
interface_attach = false
attach_encrypted_volume = false
config_drive = false
metadata_service = false
personality = false
enable_instance_password = true
disk_config = true
volume_multiattach = false
[validation]
run_validation = false
security_group = false
security_group_rules = false
[network-feature-enabled]
floating_ips = false
CONF

cd "$ws"
mode="${1:-}"
case "$mode" in
  --record)
    { cat "$passing" 2>/dev/null || true
      stestr last --subunit | subunit-filter --no-skip --no-error --no-failure -s | subunit-ls | sed 's/\[.*//'
    } | grep '^tempest\.' | sort -u >"$passing.new"
    mv "$passing.new" "$passing"
    log "the ratchet list now holds $(grep -c . "$passing") tests"
    exit 0 ;;
  --list)
    tempest run --list-tests --regex "${2:-$scope}" | grep '^tempest\.' ;;
  --ratchet)
    [ -s "$passing" ] || die "no ratchet list at $passing"
    log "running the $(grep -c . "$passing") tests of the ratchet list"
    # each line becomes an exact-match regex (test ids end in [id-...] tags)
    sed 's/\./\\./g; s/^/^/; s/$/(\\[|$)/' "$passing" >"$ws/include.txt"
    set +e
    tempest run --include-list "$ws/include.txt" --concurrency "$concurrency" >"$ws/logs/run.txt" 2>&1
    set -e
    ;;
  *)
    regex="${1:-$scope}"
    set +e
    if [ -f "$excluded" ]; then
      tempest run --regex "$regex" --exclude-list "$excluded" --concurrency "$concurrency" >"$ws/logs/run.txt" 2>&1
    else
      tempest run --regex "$regex" --concurrency "$concurrency" >"$ws/logs/run.txt" 2>&1
    fi
    set -e
    ;;
esac
[ "$mode" = "--list" ] && exit 0

stestr last --subunit | subunit-stats >"$ws/logs/stats.txt" 2>/dev/null || true
summary="$(awk '/^Passed tests/{p=$3}/^Failed tests/{f=$3}/^Skipped tests/{s=$3}END{print p+0" passed, "f+0" failed, "s+0" skipped"}' "$ws/logs/stats.txt")"
stestr last --subunit | subunit2junitxml >"$ws/logs/results.xml" 2>/dev/null || true
stestr failing --list 2>/dev/null | sed 's/\[.*//' >"$ws/logs/failing.txt" || true
echo "$summary"
if [ -s "$ws/logs/failing.txt" ]; then
  echo "failing tests (details in $ws/logs/run.txt):"
  sed 's/^/  /' "$ws/logs/failing.txt"
fi
if [ "$mode" = "--ratchet" ] && [ -s "$ws/logs/failing.txt" ]; then
  die "tests on the ratchet list failed"
fi
