package io.jstack.compute.service;

import io.jstack.common.policy.PolicyDefaults;
import io.jstack.common.policy.RuleDefault;

import java.util.ArrayList;
import java.util.List;

/**
 * The compute API's rules, named and defaulted as Nova's: admin-only APIs rest on {@code context_is_admin} (the
 * cloud admin, shared by every service), a project's own things on {@code project_member_or_admin} and
 * {@code project_reader_or_admin} against the target's {@code project_id}. Operators override any of them in
 * the policy file ({@code jstack.policy.file}).
 */
public final class ComputeRules implements PolicyDefaults {

    private static final List<RuleDefault> ALL = new ArrayList<>();

    private static final String ADMIN = "rule:context_is_admin";
    private static final String MEMBER_OR_ADMIN = "rule:project_member_or_admin";
    private static final String READER_OR_ADMIN = "rule:project_reader_or_admin";
    private static final String MANAGER_OR_ADMIN = "rule:project_manager_or_admin";

    private static RuleDefault base(String name, String check, String description) {
        RuleDefault rule = new RuleDefault(name, check, description);
        ALL.add(rule);
        return rule;
    }

    private static RuleDefault rule(String name, String check, String description) {
        return base("os_compute_api:" + name, check, description);
    }

    // ---- Nova's base rules ----
    static final RuleDefault PROJECT_MANAGER_API = base("project_manager_api",
            "role:manager and project_id:%(project_id)s", "A manager of the target's project.");
    static final RuleDefault PROJECT_MEMBER_API = base("project_member_api",
            "role:member and project_id:%(project_id)s", "A member of the target's project.");
    static final RuleDefault PROJECT_READER_API = base("project_reader_api",
            "role:reader and project_id:%(project_id)s", "A reader of the target's project.");
    static final RuleDefault SERVICE_API = base("service_api", "rule:service_role",
            "Other services calling on behalf of users.");
    static final RuleDefault PROJECT_MANAGER_OR_ADMIN = base("project_manager_or_admin",
            "rule:project_manager_api or rule:context_is_admin", "A manager of the target's project, or an admin.");
    static final RuleDefault PROJECT_MEMBER_OR_ADMIN = base("project_member_or_admin",
            "rule:project_member_api or rule:context_is_admin", "A member of the target's project, or an admin.");
    static final RuleDefault PROJECT_READER_OR_ADMIN = base("project_reader_or_admin",
            "rule:project_reader_api or rule:context_is_admin", "A reader of the target's project, or an admin.");
    static final RuleDefault SERVICE_OR_ADMIN = base("service_or_admin", "rule:service_api or rule:context_is_admin",
            "A service, or an admin.");

    // ---- servers ----
    public static final RuleDefault SERVERS_INDEX = rule("servers:index", READER_OR_ADMIN, "List servers.");
    public static final RuleDefault SERVERS_DETAIL = rule("servers:detail", READER_OR_ADMIN,
            "List servers with details.");
    public static final RuleDefault SERVERS_INDEX_ALL_TENANTS = rule("servers:index:get_all_tenants", ADMIN,
            "List the servers of every project (all_tenants).");
    public static final RuleDefault SERVERS_DETAIL_ALL_TENANTS = rule("servers:detail:get_all_tenants", ADMIN,
            "List the servers of every project with details (all_tenants).");
    public static final RuleDefault SERVERS_ALL_FILTERS = rule("servers:allow_all_filters", ADMIN,
            "Filter server lists by any field, not only the ones users may.");
    public static final RuleDefault SERVERS_SHOW = rule("servers:show", READER_OR_ADMIN, "Show a server.");
    public static final RuleDefault SERVERS_CREATE = rule("servers:create", MEMBER_OR_ADMIN, "Create a server.");
    public static final RuleDefault SERVERS_CREATE_FORCED_HOST = rule("servers:create:forced_host", ADMIN,
            "Create a server on a named host or node (availability_zone zone:host:node).");
    public static final RuleDefault SERVERS_CREATE_REQUESTED_DESTINATION = base(
            "compute:servers:create:requested_destination", ADMIN,
            "Create a server on a requested host or node (2.74 host and hypervisor_hostname), the scheduler "
                    + "checking it.");
    public static final RuleDefault SERVERS_CREATE_ZERO_DISK_FLAVOR = rule("servers:create:zero_disk_flavor", ADMIN,
            "Boot an image-backed server on a flavor with no root disk.");
    public static final RuleDefault SERVERS_UPDATE = rule("servers:update", MEMBER_OR_ADMIN, "Update a server.");
    public static final RuleDefault SERVERS_DELETE = rule("servers:delete", MEMBER_OR_ADMIN, "Delete a server.");
    public static final RuleDefault SERVERS_REBOOT = rule("servers:reboot", MEMBER_OR_ADMIN, "Reboot a server.");
    public static final RuleDefault SERVERS_START = rule("servers:start", MEMBER_OR_ADMIN, "Start a server.");
    public static final RuleDefault SERVERS_STOP = rule("servers:stop", MEMBER_OR_ADMIN, "Stop a server.");
    public static final RuleDefault SERVERS_CRASH_DUMP = rule("servers:trigger_crash_dump", MEMBER_OR_ADMIN,
            "Trigger a crash dump in a server.");
    public static final RuleDefault EXTENDED_SERVER_ATTRIBUTES = rule("os-extended-server-attributes", ADMIN,
            "See a server's host, instance name and other OS-EXT-SRV-ATTR fields, and fault details.");
    public static final RuleDefault SERVERS_MIGRATIONS_INDEX = rule("servers:migrations:index", MANAGER_OR_ADMIN,
            "List a server's in-progress migrations.");
    public static final RuleDefault SERVERS_MIGRATIONS_SHOW = rule("servers:migrations:show", ADMIN,
            "Show a server's in-progress migration.");

    // ---- server actions ----
    public static final RuleDefault LOCK = rule("os-lock-server:lock", MEMBER_OR_ADMIN, "Lock a server.");
    public static final RuleDefault UNLOCK = rule("os-lock-server:unlock", MEMBER_OR_ADMIN, "Unlock a server.");
    public static final RuleDefault UNLOCK_OVERRIDE = rule("os-lock-server:unlock:unlock_override", ADMIN,
            "Unlock a server someone else locked.");
    public static final RuleDefault PAUSE = rule("os-pause-server:pause", MEMBER_OR_ADMIN, "Pause a server.");
    public static final RuleDefault UNPAUSE = rule("os-pause-server:unpause", MEMBER_OR_ADMIN, "Unpause a server.");
    public static final RuleDefault SUSPEND = rule("os-suspend-server:suspend", MEMBER_OR_ADMIN,
            "Suspend a server.");
    public static final RuleDefault RESUME = rule("os-suspend-server:resume", MEMBER_OR_ADMIN, "Resume a server.");
    public static final RuleDefault FORCE_DELETE = rule("os-deferred-delete:force", MEMBER_OR_ADMIN,
            "Delete a soft-deleted server at once.");
    public static final RuleDefault RESTORE = rule("os-deferred-delete:restore", MEMBER_OR_ADMIN,
            "Restore a soft-deleted server.");
    public static final RuleDefault RESET_STATE = rule("os-admin-actions:reset_state", ADMIN,
            "Reset a server's state.");
    public static final RuleDefault CONSOLE_OUTPUT = rule("os-console-output", MEMBER_OR_ADMIN,
            "Read a server's console output.");
    public static final RuleDefault SECURITY_GROUPS_LIST = rule("os-security-groups:list", READER_OR_ADMIN,
            "List a server's security groups.");
    public static final RuleDefault SECURITY_GROUPS_ADD = rule("os-security-groups:add", MEMBER_OR_ADMIN,
            "Add a security group to a server.");
    public static final RuleDefault SECURITY_GROUPS_REMOVE = rule("os-security-groups:remove", MEMBER_OR_ADMIN,
            "Remove a security group from a server.");
    public static final RuleDefault SERVER_DIAGNOSTICS = rule("os-server-diagnostics", ADMIN,
            "Show a server's diagnostics.");

    // ---- what hangs off a server ----
    public static final RuleDefault METADATA_INDEX = rule("server-metadata:index", READER_OR_ADMIN,
            "List a server's metadata.");
    public static final RuleDefault METADATA_SHOW = rule("server-metadata:show", READER_OR_ADMIN,
            "Show a server's metadata item.");
    public static final RuleDefault METADATA_CREATE = rule("server-metadata:create", MEMBER_OR_ADMIN,
            "Add metadata to a server.");
    public static final RuleDefault METADATA_UPDATE = rule("server-metadata:update", MEMBER_OR_ADMIN,
            "Set one metadata item of a server.");
    public static final RuleDefault METADATA_UPDATE_ALL = rule("server-metadata:update_all", MEMBER_OR_ADMIN,
            "Replace a server's metadata.");
    public static final RuleDefault METADATA_DELETE = rule("server-metadata:delete", MEMBER_OR_ADMIN,
            "Delete a server's metadata item.");
    public static final RuleDefault TAGS_INDEX = rule("os-server-tags:index", READER_OR_ADMIN,
            "List a server's tags.");
    public static final RuleDefault TAGS_SHOW = rule("os-server-tags:show", READER_OR_ADMIN,
            "Check a server's tag.");
    public static final RuleDefault TAGS_UPDATE = rule("os-server-tags:update", MEMBER_OR_ADMIN,
            "Add a tag to a server.");
    public static final RuleDefault TAGS_UPDATE_ALL = rule("os-server-tags:update_all", MEMBER_OR_ADMIN,
            "Replace a server's tags.");
    public static final RuleDefault TAGS_DELETE = rule("os-server-tags:delete", MEMBER_OR_ADMIN,
            "Delete a server's tag.");
    public static final RuleDefault TAGS_DELETE_ALL = rule("os-server-tags:delete_all", MEMBER_OR_ADMIN,
            "Delete all of a server's tags.");
    public static final RuleDefault IPS_INDEX = rule("ips:index", READER_OR_ADMIN, "List a server's addresses.");
    public static final RuleDefault IPS_SHOW = rule("ips:show", READER_OR_ADMIN,
            "Show a server's addresses on one network.");
    public static final RuleDefault SERVER_PASSWORD_SHOW = rule("os-server-password:show", READER_OR_ADMIN,
            "Show a server's encrypted password.");
    public static final RuleDefault SERVER_PASSWORD_CLEAR = rule("os-server-password:clear", MEMBER_OR_ADMIN,
            "Clear a server's encrypted password.");
    public static final RuleDefault VOLUME_ATTACHMENTS_INDEX = rule("os-volumes-attachments:index",
            READER_OR_ADMIN, "List a server's volume attachments.");
    public static final RuleDefault INSTANCE_ACTIONS_LIST = rule("os-instance-actions:list", READER_OR_ADMIN,
            "List a server's actions.");
    public static final RuleDefault INSTANCE_ACTIONS_SHOW = rule("os-instance-actions:show", READER_OR_ADMIN,
            "Show a server's action.");
    public static final RuleDefault INSTANCE_ACTIONS_EVENTS = rule("os-instance-actions:events", ADMIN,
            "See the events of a server's action.");
    public static final RuleDefault SERVER_EXTERNAL_EVENTS = rule("os-server-external-events:create",
            "rule:service_or_admin", "Send events about servers (other services).");

    // ---- server groups, key pairs ----
    public static final RuleDefault SERVER_GROUPS_CREATE = rule("os-server-groups:create", MEMBER_OR_ADMIN,
            "Create a server group.");
    public static final RuleDefault SERVER_GROUPS_DELETE = rule("os-server-groups:delete", MEMBER_OR_ADMIN,
            "Delete a server group.");
    public static final RuleDefault SERVER_GROUPS_INDEX = rule("os-server-groups:index", READER_OR_ADMIN,
            "List server groups.");
    public static final RuleDefault SERVER_GROUPS_ALL_PROJECTS = rule("os-server-groups:index:all_projects", ADMIN,
            "List the server groups of every project.");
    public static final RuleDefault SERVER_GROUPS_SHOW = rule("os-server-groups:show", READER_OR_ADMIN,
            "Show a server group.");
    private static final String ADMIN_OR_OWNER = "(rule:context_is_admin) or user_id:%(user_id)s";
    public static final RuleDefault KEYPAIRS_INDEX = rule("os-keypairs:index", ADMIN_OR_OWNER,
            "List a user's key pairs.");
    public static final RuleDefault KEYPAIRS_CREATE = rule("os-keypairs:create", ADMIN_OR_OWNER,
            "Create or import a key pair for a user.");
    public static final RuleDefault KEYPAIRS_DELETE = rule("os-keypairs:delete", ADMIN_OR_OWNER,
            "Delete a user's key pair.");
    public static final RuleDefault KEYPAIRS_SHOW = rule("os-keypairs:show", ADMIN_OR_OWNER,
            "Show a user's key pair.");

    // ---- flavors ----
    public static final RuleDefault FLAVOR_CREATE = rule("os-flavor-manage:create", ADMIN, "Create a flavor.");
    public static final RuleDefault FLAVOR_UPDATE = rule("os-flavor-manage:update", ADMIN,
            "Update a flavor's description.");
    public static final RuleDefault FLAVOR_DELETE = rule("os-flavor-manage:delete", ADMIN, "Delete a flavor.");
    public static final RuleDefault FLAVOR_ACCESS = rule("os-flavor-access", ADMIN,
            "List the projects a private flavor is shared with, and list private flavors.");
    public static final RuleDefault FLAVOR_ACCESS_ADD = rule("os-flavor-access:add_tenant_access", ADMIN,
            "Share a private flavor with a project.");
    public static final RuleDefault FLAVOR_ACCESS_REMOVE = rule("os-flavor-access:remove_tenant_access", ADMIN,
            "Stop sharing a private flavor with a project.");
    public static final RuleDefault EXTRA_SPECS_CREATE = rule("os-flavor-extra-specs:create", ADMIN,
            "Add a flavor's extra specs.");
    public static final RuleDefault EXTRA_SPECS_UPDATE = rule("os-flavor-extra-specs:update", ADMIN,
            "Set a flavor's extra spec.");
    public static final RuleDefault EXTRA_SPECS_DELETE = rule("os-flavor-extra-specs:delete", ADMIN,
            "Delete a flavor's extra spec.");

    // ---- quotas, limits, usage ----
    public static final RuleDefault QUOTA_SETS_SHOW = rule("os-quota-sets:show", READER_OR_ADMIN,
            "Show a project's quotas.");
    public static final RuleDefault QUOTA_SETS_DETAIL = rule("os-quota-sets:detail", READER_OR_ADMIN,
            "Show a project's quotas with usage.");
    public static final RuleDefault QUOTA_SETS_UPDATE = rule("os-quota-sets:update", ADMIN,
            "Set a project's quotas.");
    public static final RuleDefault QUOTA_SETS_DELETE = rule("os-quota-sets:delete", ADMIN,
            "Reset a project's quotas to the defaults.");
    public static final RuleDefault QUOTA_CLASS_SETS_SHOW = rule("os-quota-class-sets:show", ADMIN,
            "Show a quota class.");
    public static final RuleDefault QUOTA_CLASS_SETS_UPDATE = rule("os-quota-class-sets:update", ADMIN,
            "Set a quota class.");
    public static final RuleDefault LIMITS_OTHER_PROJECT = rule("limits:other_project", ADMIN,
            "Show another project's limits (tenant_id).");
    public static final RuleDefault USAGE_LIST = rule("os-simple-tenant-usage:list", ADMIN,
            "List every project's usage.");
    public static final RuleDefault USAGE_SHOW = rule("os-simple-tenant-usage:show", READER_OR_ADMIN,
            "Show a project's usage.");
    public static final RuleDefault AUDIT_LOG_LIST = rule("os-instance-usage-audit-log:list", ADMIN,
            "List the instance usage audit log.");
    public static final RuleDefault AUDIT_LOG_SHOW = rule("os-instance-usage-audit-log:show", ADMIN,
            "Show the instance usage audit log until a time.");

    // ---- the cloud's infrastructure ----
    public static final RuleDefault AGGREGATES_INDEX = rule("os-aggregates:index", ADMIN, "List host aggregates.");
    public static final RuleDefault AGGREGATES_SHOW = rule("os-aggregates:show", ADMIN, "Show a host aggregate.");
    public static final RuleDefault AGGREGATES_CREATE = rule("os-aggregates:create", ADMIN,
            "Create a host aggregate.");
    public static final RuleDefault AGGREGATES_UPDATE = rule("os-aggregates:update", ADMIN,
            "Update a host aggregate.");
    public static final RuleDefault AGGREGATES_DELETE = rule("os-aggregates:delete", ADMIN,
            "Delete a host aggregate.");
    public static final RuleDefault AGGREGATES_ADD_HOST = rule("os-aggregates:add_host", ADMIN,
            "Add a host to an aggregate.");
    public static final RuleDefault AGGREGATES_REMOVE_HOST = rule("os-aggregates:remove_host", ADMIN,
            "Remove a host from an aggregate.");
    public static final RuleDefault AGGREGATES_SET_METADATA = rule("os-aggregates:set_metadata", ADMIN,
            "Set an aggregate's metadata.");
    public static final RuleDefault SERVICES_LIST = rule("os-services:list", ADMIN, "List compute services.");
    public static final RuleDefault SERVICES_UPDATE = rule("os-services:update", ADMIN,
            "Enable, disable or force down a compute service.");
    public static final RuleDefault SERVICES_DELETE = rule("os-services:delete", ADMIN,
            "Delete a compute service.");
    public static final RuleDefault AVAILABILITY_ZONE_DETAIL = rule("os-availability-zone:detail", ADMIN,
            "List availability zones with their hosts.");
    public static final RuleDefault HYPERVISORS_LIST = rule("os-hypervisors:list", ADMIN, "List hypervisors.");
    public static final RuleDefault HYPERVISORS_LIST_DETAIL = rule("os-hypervisors:list-detail", ADMIN,
            "List hypervisors with details.");
    public static final RuleDefault HYPERVISORS_STATISTICS = rule("os-hypervisors:statistics", ADMIN,
            "Show the hypervisors' totals.");
    public static final RuleDefault HYPERVISORS_SHOW = rule("os-hypervisors:show", ADMIN, "Show a hypervisor.");
    public static final RuleDefault HYPERVISORS_UPTIME = rule("os-hypervisors:uptime", ADMIN,
            "Show a hypervisor's uptime.");
    public static final RuleDefault HYPERVISORS_SEARCH = rule("os-hypervisors:search", ADMIN,
            "Search hypervisors by host name.");
    public static final RuleDefault HYPERVISORS_SERVERS = rule("os-hypervisors:servers", ADMIN,
            "List the servers of hypervisors.");
    public static final RuleDefault MIGRATIONS_INDEX = rule("os-migrations:index", ADMIN,
            "List migrations (of every project: Nova's project managers' own-project view is not offered).");
    public static final RuleDefault HOSTS_LIST = rule("os-hosts:list", ADMIN, "List hosts (before 2.43).");
    public static final RuleDefault HOSTS_SHOW = rule("os-hosts:show", ADMIN, "Show a host (before 2.43).");
    public static final RuleDefault HOSTS_UPDATE = rule("os-hosts:update", ADMIN, "Update a host (before 2.43).");
    public static final RuleDefault HOSTS_REBOOT = rule("os-hosts:reboot", ADMIN, "Reboot a host (before 2.43).");
    public static final RuleDefault HOSTS_SHUTDOWN = rule("os-hosts:shutdown", ADMIN,
            "Shut a host down (before 2.43).");
    public static final RuleDefault HOSTS_START = rule("os-hosts:start", ADMIN, "Start a host (before 2.43).");

    @Override
    public List<RuleDefault> rules() {
        return List.copyOf(ALL);
    }
}
