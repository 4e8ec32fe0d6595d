#!/usr/bin/env bash
# Writes .run/openrc (admin) and .run/openrc.demo, and merges clouds "local-admin" and "local" into
# ~/.config/openstack/clouds.yaml, leaving any other cloud there untouched.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
mkdir -p "$JSTACK_RUN_DIR"
auth_url="http://$JSTACK_HOST:$(identity_port)/v3"
# a second instance gets its own cloud names: local-2, local-2-admin
suffix=""; [ "$JSTACK_INSTANCE" = "0" ] || suffix="-$JSTACK_INSTANCE"

write_openrc() {
  cat >"$1" <<RC
export OS_AUTH_URL=$auth_url
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=$2
export OS_PASSWORD=$3
export OS_PROJECT_NAME=$4
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=$JSTACK_REGION
export OS_INTERFACE=public
unset OS_CLOUD
RC
}
write_openrc "$JSTACK_RUN_DIR/openrc" admin "$JSTACK_ADMIN_PASSWORD" admin
write_openrc "$JSTACK_RUN_DIR/openrc.demo" demo "$JSTACK_DEMO_PASSWORD" demo

mkdir -p "$HOME/.config/openstack"
/usr/bin/python3 - "$HOME/.config/openstack/clouds.yaml" <<PY
import os, sys, yaml
path = sys.argv[1]
data = {}
if os.path.exists(path):
    with open(path) as f:
        data = yaml.safe_load(f) or {}
clouds = data.setdefault("clouds", {})
def cloud(user, password, project):
    return {"auth": {"auth_url": "$auth_url", "username": user, "password": password, "project_name": project,
                     "user_domain_name": "Default", "project_domain_name": "Default"},
            "region_name": "$JSTACK_REGION", "interface": "public", "identity_api_version": 3}
clouds["local$suffix-admin"] = cloud("admin", "$JSTACK_ADMIN_PASSWORD", "admin")
clouds["local$suffix"] = cloud("demo", "$JSTACK_DEMO_PASSWORD", "demo")
tmp = path + ".tmp"
with open(tmp, "w") as f:
    yaml.safe_dump(data, f, default_flow_style=False)
os.replace(tmp, path)
PY
