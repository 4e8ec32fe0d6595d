package io.jstack.identity.api;

import io.jstack.identity.model.AccessRule;
import io.jstack.identity.model.ApplicationCredential;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.Trust;
import io.jstack.identity.service.ApplicationCredentials;
import io.jstack.identity.service.Expiry;
import io.jstack.identity.service.Trusts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keystone's JSON for application credentials, access rules and trusts. */
final class DelegationViews {
    private DelegationViews() {
    }

    /** An application credential; its secret only in the answer to its creation. */
    static Map<String, Object> applicationCredential(String v3, ApplicationCredentials.Details d, String secret) {
        ApplicationCredential c = d.credential();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id);
        out.put("name", c.name);
        out.put("description", c.description);
        out.put("user_id", c.userId);
        out.put("project_id", c.projectId);
        out.put("system", null);
        out.put("expires_at", Expiry.applicationCredential(c.expiresAt));
        out.put("unrestricted", c.unrestricted);
        out.put("roles", d.roles().stream().map(DelegationViews::credentialRole).toList());
        if (d.accessRules() != null) {
            out.put("access_rules", d.accessRules().stream().map(DelegationViews::ruleOfCredential).toList());
        }
        if (secret != null) {
            out.put("secret", secret);
        }
        out.put("links", Links.self(v3 + "/users/" + c.userId + "/application_credentials/" + c.id));
        return out;
    }

    private static Map<String, Object> credentialRole(Role r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id);
        out.put("name", r.name);
        out.put("domain_id", r.domainId);
        out.put("description", r.description);
        out.put("options", Map.of());
        return out;
    }

    /** A rule as listed inside its credential: no links. */
    private static Map<String, Object> ruleOfCredential(AccessRule r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id);
        out.put("service", r.service);
        out.put("path", r.path);
        out.put("method", r.method);
        return out;
    }

    /** A rule on its own; its self link is Keystone's ({@code /v3/access_rules/{id}}). */
    static Map<String, Object> accessRule(String v3, AccessRule r) {
        Map<String, Object> out = ruleOfCredential(r);
        out.put("links", Links.self(v3 + "/access_rules/" + r.id));
        return out;
    }

    /** A trust; {@code details} with its roles (show and create), or without (list). */
    static Map<String, Object> trust(String v3, Trust t, List<Role> roles) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id);
        out.put("trustor_user_id", t.trustorUserId);
        out.put("trustee_user_id", t.trusteeUserId);
        out.put("project_id", t.projectId);
        out.put("impersonation", t.impersonation);
        out.put("expires_at", Expiry.trust(t.expiresAt));
        out.put("remaining_uses", t.remainingUses);
        out.put("redelegated_trust_id", t.redelegatedTrustId);
        out.put("redelegation_count", t.redelegationCount);
        out.put("deleted_at", null);
        Body.readExtra(t.extra).forEach(out::putIfAbsent);
        out.put("links", Links.self(v3 + "/OS-TRUST/trusts/" + t.id));
        if (roles != null) {
            out.put("roles", roles.stream().map(r -> Views.role(v3, r)).toList());
            Map<String, Object> rolesLinks = new LinkedHashMap<>();
            rolesLinks.put("self", v3 + "/OS-TRUST/trusts/" + t.id + "/roles");
            rolesLinks.put("previous", null);
            rolesLinks.put("next", null);
            out.put("roles_links", rolesLinks);
        }
        return out;
    }

    static Map<String, Object> trust(String v3, Trusts.Details d) {
        return trust(v3, d.trust(), d.roles());
    }
}
