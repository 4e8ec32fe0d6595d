package io.jstack.identity.service;

import io.jstack.common.policy.PolicyDefaults;
import io.jstack.common.policy.RuleDefault;

import java.util.ArrayList;
import java.util.List;

/**
 * The identity API's rules, named and defaulted as Keystone's, with two differences that keep every grant within
 * its granter's reach. {@code admin_required} is the cloud admin shared by every service (the admin project or
 * the system scope), not any token with the admin role. A domain's managers (Keystone's manager persona, and
 * this cloud's domain-scoped admins) manage their domain's users, groups, projects and grants, but never the
 * admin project: no grant that reaches it (directly, or inherited from its domain), no change to it, no change
 * to a user or a group that holds a role on it or on the system. Target keys follow Keystone's
 * ({@code target.user.domain_id}, {@code target.project.domain_id}, {@code target.role.name}, ...); the ones
 * about the admin project are this cloud's ({@code target.reaches_admin_project},
 * {@code target.project.is_admin_project}, {@code target.user.has_admin_project_role},
 * {@code target.group.has_admin_project_role}).
 */
public final class IdentityRules implements PolicyDefaults {

    private static final List<RuleDefault> ALL = new ArrayList<>();

    private static RuleDefault base(String name, String check, String description) {
        RuleDefault rule = new RuleDefault(name, check, description);
        ALL.add(rule);
        return rule;
    }

    private static RuleDefault rule(String action, String check, String description) {
        return base("identity:" + action, check, description);
    }

    private static final String ADMIN = "rule:admin_required";
    private static final String SYSTEM_READER = "(role:reader and system_scope:all)";
    private static final String ADMIN_OR_SYSTEM_READER = ADMIN + " or " + SYSTEM_READER;

    /** A domain's manager acting on something of the domain named by the target key. */
    private static String manager(String domainKey) {
        return "(rule:domain_manager and domain_id:%(" + domainKey + ")s)";
    }

    private static String reader(String domainKey) {
        return "(role:reader and domain_id:%(" + domainKey + ")s)";
    }

    private static final String GRANT_DOMAIN_ADMIN = "(role:admin and domain_id:%(target.user.domain_id)s and "
            + "domain_id:%(target.project.domain_id)s) or (role:admin and domain_id:%(target.user.domain_id)s and "
            + "domain_id:%(target.domain.id)s) or (role:admin and domain_id:%(target.group.domain_id)s and "
            + "domain_id:%(target.project.domain_id)s) or (role:admin and domain_id:%(target.group.domain_id)s and "
            + "domain_id:%(target.domain.id)s)";

    // ---- who is who ----
    public static final RuleDefault ADMIN_REQUIRED = base("admin_required", "rule:cloud_admin",
            "Keystone's admin: here the cloud admin (admin project or system scope), as every service has it.");
    public static final RuleDefault SERVICE_OR_ADMIN = base("service_or_admin", ADMIN + " or rule:service_role",
            "A service user, or the cloud admin.");
    static final RuleDefault OWNER = base("owner", "user_id:%(user_id)s", "The user the target belongs to.");
    static final RuleDefault ADMIN_OR_OWNER = base("admin_or_owner", ADMIN + " or rule:owner",
            "The cloud admin, or the user the target belongs to.");
    static final RuleDefault TOKEN_SUBJECT = base("token_subject", "user_id:%(target.token.user_id)s",
            "The user a token was issued to.");
    static final RuleDefault DOMAIN_MANAGER = base("domain_manager", "role:manager or role:admin",
            "Who manages a domain on a token scoped to it: Keystone's manager persona, which its admin implies.");
    static final RuleDefault DOMAIN_MANAGED_TARGET_ROLE = base("domain_managed_target_role",
            "'manager':%(target.role.name)s or 'member':%(target.role.name)s or 'reader':%(target.role.name)s",
            "The roles a domain manager may grant (never admin).");
    static final RuleDefault DOMAIN_ADMIN_GRANT = base("domain_admin_grant", GRANT_DOMAIN_ADMIN,
            "A domain admin granting within its domain: actor and target both in the domain its token is scoped "
                    + "to.");
    static final RuleDefault DOMAIN_MANAGER_GRANT = base("domain_manager_grant",
            GRANT_DOMAIN_ADMIN.replace("role:admin", "role:manager"),
            "A domain manager granting within its domain.");
    static final RuleDefault DOMAIN_MATCHES_ROLE = base("domain_matches_role",
            "domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s",
            "A global role, or one specific to the granter's domain.");
    static final RuleDefault OUTSIDE_ADMIN_PROJECT = base("outside_admin_project",
            "not True:%(target.reaches_admin_project)s",
            "A grant that gives no role on the admin project (directly or by inheritance).");

    // ---- grants ----
    private static final String GRANT_WRITE = "(" + ADMIN + ") or (rule:domain_admin_grant and "
            + "rule:domain_matches_role and rule:outside_admin_project) or (rule:domain_manager_grant and "
            + "rule:domain_managed_target_role and rule:outside_admin_project)";
    private static final String GRANT_READ = "(" + ADMIN_OR_SYSTEM_READER + ") or "
            + GRANT_DOMAIN_ADMIN.replace("role:admin", "role:reader");
    public static final RuleDefault CREATE_GRANT = rule("create_grant", GRANT_WRITE,
            "Grant a role to a user or group on a project or domain (inherited or not).");
    public static final RuleDefault REVOKE_GRANT = rule("revoke_grant", GRANT_WRITE,
            "Revoke a role of a user or group on a project or domain.");
    public static final RuleDefault CHECK_GRANT = rule("check_grant", GRANT_READ,
            "Check a role of a user or group on a project or domain.");
    public static final RuleDefault LIST_GRANTS = rule("list_grants", GRANT_READ,
            "List the roles of a user or group on a project or domain.");
    public static final RuleDefault CREATE_SYSTEM_GRANT = rule("create_system_grant_for_user", ADMIN,
            "Grant a system role to a user (or, through create_system_grant_for_group, a group).");
    public static final RuleDefault CREATE_SYSTEM_GRANT_FOR_GROUP = rule("create_system_grant_for_group", ADMIN,
            "Grant a system role to a group.");
    public static final RuleDefault REVOKE_SYSTEM_GRANT = rule("revoke_system_grant_for_user", ADMIN,
            "Revoke a user's system role.");
    public static final RuleDefault REVOKE_SYSTEM_GRANT_FOR_GROUP = rule("revoke_system_grant_for_group", ADMIN,
            "Revoke a group's system role.");
    public static final RuleDefault CHECK_SYSTEM_GRANT = rule("check_system_grant_for_user", ADMIN_OR_SYSTEM_READER,
            "Check a user's system role.");
    public static final RuleDefault CHECK_SYSTEM_GRANT_FOR_GROUP = rule("check_system_grant_for_group",
            ADMIN_OR_SYSTEM_READER, "Check a group's system role.");
    public static final RuleDefault LIST_SYSTEM_GRANTS = rule("list_system_grants_for_user", ADMIN_OR_SYSTEM_READER,
            "List a user's system roles.");
    public static final RuleDefault LIST_SYSTEM_GRANTS_FOR_GROUP = rule("list_system_grants_for_group",
            ADMIN_OR_SYSTEM_READER, "List a group's system roles.");
    public static final RuleDefault LIST_ROLE_ASSIGNMENTS = rule("list_role_assignments", ADMIN_OR_SYSTEM_READER,
            "List role assignments.");

    // ---- users ----
    public static final RuleDefault GET_USER = rule("get_user", "(" + ADMIN + ") or " + SYSTEM_READER + " or "
            + reader("target.user.domain_id") + " or user_id:%(target.user.id)s", "Show a user.");
    public static final RuleDefault LIST_USERS = rule("list_users", "(" + ADMIN + ") or " + SYSTEM_READER + " or "
            + reader("target.domain_id"), "List users (of the caller's domain, for a domain reader).");
    public static final RuleDefault CREATE_USER = rule("create_user", "(" + ADMIN + ") or "
            + manager("target.user.domain_id"), "Create a user.");
    private static final String MANAGE_USER = "(" + ADMIN + ") or (" + manager("target.user.domain_id")
            + " and not True:%(target.user.has_admin_project_role)s)";
    public static final RuleDefault UPDATE_USER = rule("update_user", MANAGE_USER,
            "Update a user (a domain manager: not one with a role on the admin project or the system).");
    public static final RuleDefault DELETE_USER = rule("delete_user", MANAGE_USER,
            "Delete a user (a domain manager: not one with a role on the admin project or the system).");
    public static final RuleDefault CHANGE_PASSWORD = rule("change_password", "(" + ADMIN + ") or "
            + manager("target.user.domain_id") + " or user_id:%(target.user.id)s",
            "Change a user's password, knowing the old one.");
    public static final RuleDefault LIST_USER_PROJECTS = rule("list_user_projects", "(" + ADMIN + ") or "
            + SYSTEM_READER + " or " + reader("target.user.domain_id") + " or user_id:%(target.user.id)s",
            "List the projects a user has roles on.");
    public static final RuleDefault LIST_GROUPS_FOR_USER = rule("list_groups_for_user", "(" + ADMIN + ") or "
            + SYSTEM_READER + " or " + reader("target.user.domain_id") + " or user_id:%(target.user.id)s",
            "List a user's groups.");

    // ---- groups ----
    public static final RuleDefault GET_GROUP = rule("get_group", "(" + ADMIN + ") or " + SYSTEM_READER + " or "
            + reader("target.group.domain_id"), "Show a group.");
    public static final RuleDefault LIST_GROUPS = rule("list_groups", "(" + ADMIN + ") or " + SYSTEM_READER
            + " or " + reader("target.domain_id"), "List groups (of the caller's domain, for a domain reader).");
    public static final RuleDefault CREATE_GROUP = rule("create_group", "(" + ADMIN + ") or "
            + manager("target.group.domain_id"), "Create a group.");
    public static final RuleDefault UPDATE_GROUP = rule("update_group", "(" + ADMIN + ") or "
            + manager("target.group.domain_id"), "Update a group.");
    public static final RuleDefault DELETE_GROUP = rule("delete_group", "(" + ADMIN + ") or "
            + manager("target.group.domain_id"), "Delete a group.");
    public static final RuleDefault LIST_USERS_IN_GROUP = rule("list_users_in_group", "(" + ADMIN + ") or "
            + SYSTEM_READER + " or " + reader("target.group.domain_id"), "List a group's users.");
    private static final String MANAGE_MEMBERSHIP = "(" + ADMIN + ") or (" + manager("target.group.domain_id")
            + " and domain_id:%(target.user.domain_id)s and not True:%(target.group.has_admin_project_role)s)";
    public static final RuleDefault ADD_USER_TO_GROUP = rule("add_user_to_group", MANAGE_MEMBERSHIP,
            "Add a user to a group (a domain manager: not a group with a role on the admin project or the system).");
    public static final RuleDefault REMOVE_USER_FROM_GROUP = rule("remove_user_from_group", MANAGE_MEMBERSHIP,
            "Remove a user from a group.");
    public static final RuleDefault CHECK_USER_IN_GROUP = rule("check_user_in_group", "(" + ADMIN + ") or "
            + SYSTEM_READER + " or (role:reader and domain_id:%(target.group.domain_id)s and "
            + "domain_id:%(target.user.domain_id)s)", "Check that a user is in a group.");

    // ---- projects and their tags ----
    private static final String READ_PROJECT = "(" + ADMIN + ") or " + SYSTEM_READER + " or "
            + reader("target.project.domain_id") + " or project_id:%(target.project.id)s";
    private static final String MANAGE_PROJECT = "(" + ADMIN + ") or (" + manager("target.project.domain_id")
            + " and not True:%(target.project.is_admin_project)s)";
    public static final RuleDefault GET_PROJECT = rule("get_project", READ_PROJECT, "Show a project.");
    public static final RuleDefault LIST_PROJECTS = rule("list_projects", "(" + ADMIN + ") or " + SYSTEM_READER
            + " or " + reader("target.domain_id"), "List projects (of the caller's domain, for a domain reader).");
    public static final RuleDefault CREATE_PROJECT = rule("create_project", "(" + ADMIN + ") or "
            + manager("target.project.domain_id"), "Create a project.");
    public static final RuleDefault UPDATE_PROJECT = rule("update_project", MANAGE_PROJECT,
            "Update a project (a domain manager: not the admin project).");
    public static final RuleDefault DELETE_PROJECT = rule("delete_project", MANAGE_PROJECT,
            "Delete a project (a domain manager: not the admin project).");
    public static final RuleDefault LIST_PROJECT_TAGS = rule("list_project_tags", READ_PROJECT,
            "List a project's tags.");
    public static final RuleDefault GET_PROJECT_TAG = rule("get_project_tag", READ_PROJECT,
            "Check a project's tag.");
    public static final RuleDefault UPDATE_PROJECT_TAGS = rule("update_project_tags", MANAGE_PROJECT,
            "Replace a project's tags.");
    public static final RuleDefault CREATE_PROJECT_TAG = rule("create_project_tag", MANAGE_PROJECT,
            "Add a tag to a project.");
    public static final RuleDefault DELETE_PROJECT_TAGS = rule("delete_project_tags", MANAGE_PROJECT,
            "Delete a project's tags.");
    public static final RuleDefault DELETE_PROJECT_TAG = rule("delete_project_tag", MANAGE_PROJECT,
            "Delete a project's tag.");

    // ---- domains and their configuration ----
    public static final RuleDefault GET_DOMAIN = rule("get_domain", ADMIN_OR_SYSTEM_READER
            + " or domain_id:%(target.domain.id)s or project_domain_id:%(target.domain.id)s",
            "Show a domain (one's own, for anyone scoped to it or to one of its projects).");
    public static final RuleDefault LIST_DOMAINS = rule("list_domains", ADMIN_OR_SYSTEM_READER
            + " or (role:reader and domain_id:%(target.domain.id)s)",
            "List every domain (others see the one they are scoped to).");
    public static final RuleDefault CREATE_DOMAIN = rule("create_domain", ADMIN, "Create a domain.");
    public static final RuleDefault UPDATE_DOMAIN = rule("update_domain", ADMIN, "Update a domain.");
    public static final RuleDefault DELETE_DOMAIN = rule("delete_domain", ADMIN, "Delete a domain.");
    public static final RuleDefault GET_DOMAIN_CONFIG = rule("get_domain_config", ADMIN_OR_SYSTEM_READER,
            "Show a domain's configuration.");
    public static final RuleDefault CREATE_DOMAIN_CONFIG = rule("create_domain_config", ADMIN,
            "Create a domain's configuration.");
    public static final RuleDefault UPDATE_DOMAIN_CONFIG = rule("update_domain_config", ADMIN,
            "Update a domain's configuration.");
    public static final RuleDefault DELETE_DOMAIN_CONFIG = rule("delete_domain_config", ADMIN,
            "Delete a domain's configuration.");
    public static final RuleDefault GET_DOMAIN_CONFIG_DEFAULT = rule("get_domain_config_default",
            ADMIN_OR_SYSTEM_READER, "Show the default domain configuration.");

    // ---- roles ----
    private static final String READ_ROLES = "(" + ADMIN_OR_SYSTEM_READER + ") or (rule:domain_manager and "
            + "not domain_id:None)";
    public static final RuleDefault LIST_ROLES = rule("list_roles", READ_ROLES,
            "List roles (domain managers too, to grant them).");
    public static final RuleDefault GET_ROLE = rule("get_role", READ_ROLES, "Show a role.");
    public static final RuleDefault CREATE_ROLE = rule("create_role", ADMIN, "Create a role.");
    public static final RuleDefault UPDATE_ROLE = rule("update_role", ADMIN, "Update a role.");
    public static final RuleDefault DELETE_ROLE = rule("delete_role", ADMIN, "Delete a role.");
    public static final RuleDefault GET_IMPLIED_ROLE = rule("get_implied_role", READ_ROLES,
            "Show an implied-role rule.");
    public static final RuleDefault LIST_IMPLIED_ROLES = rule("list_implied_roles", READ_ROLES,
            "List the roles a role implies.");
    public static final RuleDefault LIST_ROLE_INFERENCE_RULES = rule("list_role_inference_rules", READ_ROLES,
            "List every implied-role rule.");
    public static final RuleDefault CREATE_IMPLIED_ROLE = rule("create_implied_role", ADMIN,
            "Make a role imply another.");
    public static final RuleDefault DELETE_IMPLIED_ROLE = rule("delete_implied_role", ADMIN,
            "Remove an implied-role rule.");

    // ---- the catalog and other cloud-wide things ----
    public static final RuleDefault LIST_SERVICES = rule("list_services", ADMIN_OR_SYSTEM_READER, "List services.");
    public static final RuleDefault GET_SERVICE = rule("get_service", ADMIN_OR_SYSTEM_READER, "Show a service.");
    public static final RuleDefault CREATE_SERVICE = rule("create_service", ADMIN, "Create a service.");
    public static final RuleDefault UPDATE_SERVICE = rule("update_service", ADMIN, "Update a service.");
    public static final RuleDefault DELETE_SERVICE = rule("delete_service", ADMIN, "Delete a service.");
    public static final RuleDefault LIST_ENDPOINTS = rule("list_endpoints", ADMIN_OR_SYSTEM_READER,
            "List endpoints.");
    public static final RuleDefault GET_ENDPOINT = rule("get_endpoint", ADMIN_OR_SYSTEM_READER, "Show an endpoint.");
    public static final RuleDefault CREATE_ENDPOINT = rule("create_endpoint", ADMIN, "Create an endpoint.");
    public static final RuleDefault UPDATE_ENDPOINT = rule("update_endpoint", ADMIN, "Update an endpoint.");
    public static final RuleDefault DELETE_ENDPOINT = rule("delete_endpoint", ADMIN, "Delete an endpoint.");
    public static final RuleDefault CREATE_REGION = rule("create_region", ADMIN, "Create a region.");
    public static final RuleDefault UPDATE_REGION = rule("update_region", ADMIN, "Update a region.");
    public static final RuleDefault DELETE_REGION = rule("delete_region", ADMIN, "Delete a region.");
    public static final RuleDefault LIST_ENDPOINT_GROUPS = rule("list_endpoint_groups", ADMIN_OR_SYSTEM_READER,
            "List endpoint groups.");
    public static final RuleDefault GET_ENDPOINT_GROUP = rule("get_endpoint_group", ADMIN_OR_SYSTEM_READER,
            "Show an endpoint group.");
    public static final RuleDefault CREATE_ENDPOINT_GROUP = rule("create_endpoint_group", ADMIN,
            "Create an endpoint group.");
    public static final RuleDefault UPDATE_ENDPOINT_GROUP = rule("update_endpoint_group", ADMIN,
            "Update an endpoint group.");
    public static final RuleDefault DELETE_ENDPOINT_GROUP = rule("delete_endpoint_group", ADMIN,
            "Delete an endpoint group.");
    public static final RuleDefault LIST_ENDPOINTS_IN_GROUP = rule("list_endpoints_associated_with_endpoint_group",
            ADMIN_OR_SYSTEM_READER, "List the endpoints of an endpoint group.");
    public static final RuleDefault LIST_CONSUMERS = rule("list_consumers", ADMIN_OR_SYSTEM_READER,
            "List OAuth consumers.");
    public static final RuleDefault GET_CONSUMER = rule("get_consumer", ADMIN_OR_SYSTEM_READER,
            "Show an OAuth consumer.");
    public static final RuleDefault CREATE_CONSUMER = rule("create_consumer", ADMIN, "Create an OAuth consumer.");
    public static final RuleDefault UPDATE_CONSUMER = rule("update_consumer", ADMIN, "Update an OAuth consumer.");
    public static final RuleDefault DELETE_CONSUMER = rule("delete_consumer", ADMIN, "Delete an OAuth consumer.");
    public static final RuleDefault LIST_POLICIES = rule("list_policies", ADMIN_OR_SYSTEM_READER,
            "List policy blobs.");
    public static final RuleDefault GET_POLICY = rule("get_policy", ADMIN_OR_SYSTEM_READER, "Show a policy blob.");
    public static final RuleDefault CREATE_POLICY = rule("create_policy", ADMIN, "Create a policy blob.");
    public static final RuleDefault UPDATE_POLICY = rule("update_policy", ADMIN, "Update a policy blob.");
    public static final RuleDefault DELETE_POLICY = rule("delete_policy", ADMIN, "Delete a policy blob.");

    // ---- tokens and revocations ----
    public static final RuleDefault VALIDATE_TOKEN = rule("validate_token", ADMIN_OR_SYSTEM_READER
            + " or rule:service_role or rule:token_subject", "Validate a token (one's own, or any for services).");
    public static final RuleDefault LIST_REVOKE_EVENTS = rule("list_revoke_events", "rule:service_or_admin",
            "List revocation events (every service's token verifier reads them).");

    // ---- credentials ----
    private static final String CREDENTIAL_OWNER = "user_id:%(target.credential.user_id)s";
    public static final RuleDefault GET_CREDENTIAL = rule("get_credential", "(" + ADMIN + ") or " + SYSTEM_READER
            + " or " + CREDENTIAL_OWNER, "Show a credential.");
    public static final RuleDefault LIST_CREDENTIALS = rule("list_credentials", "(" + ADMIN + ") or "
            + SYSTEM_READER + " or " + CREDENTIAL_OWNER, "List credentials (one's own, for their owner).");
    public static final RuleDefault CREATE_CREDENTIAL = rule("create_credential", "(" + ADMIN + ") or "
            + CREDENTIAL_OWNER, "Create a credential.");
    public static final RuleDefault UPDATE_CREDENTIAL = rule("update_credential", "(" + ADMIN + ") or "
            + CREDENTIAL_OWNER, "Update a credential.");
    public static final RuleDefault DELETE_CREDENTIAL = rule("delete_credential", "(" + ADMIN + ") or "
            + CREDENTIAL_OWNER, "Delete a credential.");
    public static final RuleDefault EC2_GET_CREDENTIAL = rule("ec2_get_credential", "(" + ADMIN + ") or "
            + SYSTEM_READER + " or " + CREDENTIAL_OWNER, "Show an EC2 credential.");
    public static final RuleDefault EC2_LIST_CREDENTIALS = rule("ec2_list_credentials", "(" + ADMIN + ") or "
            + SYSTEM_READER + " or rule:owner", "List a user's EC2 credentials.");
    public static final RuleDefault EC2_CREATE_CREDENTIAL = rule("ec2_create_credential", "(" + ADMIN + ") or "
            + "(role:member and " + CREDENTIAL_OWNER + ")", "Create an EC2 credential.");
    public static final RuleDefault EC2_DELETE_CREDENTIAL = rule("ec2_delete_credential", "(" + ADMIN + ") or "
            + "(role:member and " + CREDENTIAL_OWNER + ")", "Delete an EC2 credential.");

    // ---- delegation: application credentials, access rules, trusts ----
    public static final RuleDefault CREATE_APPLICATION_CREDENTIAL = rule("create_application_credential",
            "user_id:%(user_id)s", "Create an application credential (for oneself only).");
    public static final RuleDefault GET_APPLICATION_CREDENTIAL = rule("get_application_credential",
            "(" + ADMIN + ") or " + SYSTEM_READER + " or rule:owner", "Show an application credential.");
    public static final RuleDefault LIST_APPLICATION_CREDENTIALS = rule("list_application_credentials",
            "(" + ADMIN + ") or " + SYSTEM_READER + " or rule:owner", "List a user's application credentials.");
    public static final RuleDefault DELETE_APPLICATION_CREDENTIAL = rule("delete_application_credential",
            "rule:admin_or_owner", "Delete an application credential.");
    public static final RuleDefault GET_ACCESS_RULE = rule("get_access_rule", ADMIN_OR_SYSTEM_READER
            + " or user_id:%(target.user.id)s", "Show an access rule.");
    public static final RuleDefault LIST_ACCESS_RULES = rule("list_access_rules", ADMIN_OR_SYSTEM_READER
            + " or user_id:%(target.user.id)s", "List a user's access rules.");
    public static final RuleDefault DELETE_ACCESS_RULE = rule("delete_access_rule", ADMIN
            + " or user_id:%(target.user.id)s", "Delete an access rule.");
    private static final String TRUST_PARTY = "(" + ADMIN + ") or (" + SYSTEM_READER
            + " or user_id:%(target.trust.trustor_user_id)s or user_id:%(target.trust.trustee_user_id)s)";
    public static final RuleDefault CREATE_TRUST = rule("create_trust", "user_id:%(target.trust.trustor_user_id)s",
            "Create a trust (as its trustor).");
    public static final RuleDefault LIST_TRUSTS = rule("list_trusts", ADMIN_OR_SYSTEM_READER,
            "List every trust.");
    public static final RuleDefault LIST_TRUSTS_FOR_TRUSTOR = rule("list_trusts_for_trustor", "(" + ADMIN
            + ") or (" + SYSTEM_READER + " or user_id:%(target.trust.trustor_user_id)s)",
            "List the trusts a user gave.");
    public static final RuleDefault LIST_TRUSTS_FOR_TRUSTEE = rule("list_trusts_for_trustee", "(" + ADMIN
            + ") or (" + SYSTEM_READER + " or user_id:%(target.trust.trustee_user_id)s)",
            "List the trusts a user was given.");
    public static final RuleDefault GET_TRUST = rule("get_trust", TRUST_PARTY, "Show a trust.");
    public static final RuleDefault LIST_ROLES_FOR_TRUST = rule("list_roles_for_trust", TRUST_PARTY,
            "List a trust's roles.");
    public static final RuleDefault GET_ROLE_FOR_TRUST = rule("get_role_for_trust", TRUST_PARTY,
            "Show one of a trust's roles.");
    public static final RuleDefault DELETE_TRUST = rule("delete_trust", ADMIN
            + " or user_id:%(target.trust.trustor_user_id)s", "Delete a trust (its trustor).");

    @Override
    public List<RuleDefault> rules() {
        return List.copyOf(ALL);
    }
}
