#!/usr/bin/env bash
# Prints a service's effective policy rules: the defaults in code with this launcher instance's overrides
# ($JSTACK_RUN_DIR/policy/<service>.yaml, YAML or JSON as Nova's and Glance's policy files), in policy-file form.
#   deploy/dev/policy.sh identity-service|compute-api|image-service [policy-file]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
ensure_java
name="${1:?usage: deploy/dev/policy.sh identity-service|compute-api|image-service [policy-file]}"
app="$REPO/$name/target/quarkus-app"
[ -d "$app" ] || die "$name is not built ($app missing)"
file="${2:-$(policy_file "$name")}"
exec "$JAVA_HOME/bin/java" -cp "$app/lib/main/*:$app/app/*" io.jstack.common.policy.PolicyRules "$file"
