package io.jstack.identity.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a domain may configure for itself, as Keystone's domain-specific configuration allows: the {@code identity}
 * group (which backend, how many entries a listing returns) and the {@code ldap} group (how to reach and read an
 * LDAP directory). Each option has a default, shown by {@code /v3/domains/config/default}; sensitive options
 * (the LDAP bind password) may be set but are never shown.
 */
public final class DomainConfigSchema {

    private static final Map<String, Map<String, Object>> DEFAULTS = new LinkedHashMap<>();
    private static final Map<String, Set<String>> SENSITIVE = Map.of("identity", Set.of(), "ldap", Set.of("password"));

    static {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("driver", "sql");
        identity.put("list_limit", null);
        DEFAULTS.put("identity", Collections.unmodifiableMap(identity));

        Map<String, Object> ldap = new LinkedHashMap<>();
        ldap.put("url", "ldap://localhost");
        ldap.put("user", null);
        ldap.put("suffix", "cn=example,cn=com");
        ldap.put("query_scope", "one");
        ldap.put("page_size", 0);
        ldap.put("alias_dereferencing", "default");
        ldap.put("debug_level", null);
        ldap.put("chase_referrals", null);
        ldap.put("user_tree_dn", null);
        ldap.put("user_filter", null);
        ldap.put("user_objectclass", "inetOrgPerson");
        ldap.put("user_id_attribute", "cn");
        ldap.put("user_name_attribute", "sn");
        ldap.put("user_description_attribute", "description");
        ldap.put("user_mail_attribute", "mail");
        ldap.put("user_pass_attribute", "userPassword");
        ldap.put("user_enabled_attribute", "enabled");
        ldap.put("user_enabled_invert", false);
        ldap.put("user_enabled_mask", 0);
        ldap.put("user_enabled_default", "True");
        ldap.put("user_attribute_ignore", List.of("default_project_id"));
        ldap.put("user_default_project_id_attribute", null);
        ldap.put("user_enabled_emulation", false);
        ldap.put("user_enabled_emulation_dn", null);
        ldap.put("user_enabled_emulation_use_group_config", false);
        ldap.put("user_additional_attribute_mapping", List.of());
        ldap.put("group_tree_dn", null);
        ldap.put("group_filter", null);
        ldap.put("group_objectclass", "groupOfNames");
        ldap.put("group_id_attribute", "cn");
        ldap.put("group_name_attribute", "ou");
        ldap.put("group_member_attribute", "member");
        ldap.put("group_members_are_ids", false);
        ldap.put("group_desc_attribute", "description");
        ldap.put("group_attribute_ignore", List.of());
        ldap.put("group_additional_attribute_mapping", List.of());
        ldap.put("tls_cacertfile", null);
        ldap.put("tls_cacertdir", null);
        ldap.put("use_tls", false);
        ldap.put("tls_req_cert", "demand");
        ldap.put("use_pool", true);
        ldap.put("pool_size", 10);
        ldap.put("pool_retry_max", 3);
        ldap.put("pool_retry_delay", 0.1);
        ldap.put("pool_connection_timeout", -1);
        ldap.put("pool_connection_lifetime", 600);
        ldap.put("use_auth_pool", true);
        ldap.put("auth_pool_size", 100);
        ldap.put("auth_pool_connection_lifetime", 60);
        DEFAULTS.put("ldap", Collections.unmodifiableMap(ldap));
    }

    private DomainConfigSchema() {
    }

    public static List<String> groups() {
        return List.copyOf(DEFAULTS.keySet());
    }

    public static boolean isGroup(String group) {
        return DEFAULTS.containsKey(group);
    }

    /** A known option of a known group, sensitive or not. */
    public static boolean isOption(String group, String option) {
        return isGroup(group) && (DEFAULTS.get(group).containsKey(option) || isSensitive(group, option));
    }

    public static boolean isSensitive(String group, String option) {
        return SENSITIVE.getOrDefault(group, Set.of()).contains(option);
    }

    /** The defaults of a group's options that may be shown (not the sensitive ones), in a stable order. */
    public static Map<String, Object> defaults(String group) {
        return DEFAULTS.get(group);
    }
}
