package io.jstack.common.policy;

import io.jstack.common.RequestContext;
import io.jstack.common.auth.Token;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who asks, as the policy sees it: oslo.context's policy values ({@code user_id}, {@code project_id},
 * {@code domain_id}, {@code roles}, {@code system_scope}, {@code is_admin_project}, ...), built from a verified
 * token or from a request context carried over RPC. Generic checks name these values; {@code is_admin} is the
 * answer of the rule {@code context_is_admin}.
 *
 * @param domainId       the domain a domain-scoped token is scoped to (not the user's domain)
 * @param roles          role names, lower case, implied roles included (tokens carry them)
 * @param systemScope    {@code all} for a system-scoped token, else null
 * @param isAdminProject whether the token's project is the cloud's admin project (the identity service says so
 *                       in the token); false for tokens not scoped to a project
 */
public record Credentials(String userId, String userDomainId, String projectId, String projectDomainId,
                          String domainId, Set<String> roles, String systemScope, boolean isAdminProject,
                          String trustId, String applicationCredentialId) {

    public static final Credentials ANONYMOUS = new Credentials(null, null, null, null, null, Set.of(), null,
            false, null, null);

    public Credentials {
        Set<String> lower = new LinkedHashSet<>();
        if (roles != null) {
            roles.forEach(r -> lower.add(r.toLowerCase(Locale.ROOT)));
        }
        roles = Set.copyOf(lower);
    }

    /** The caller a verified token describes. */
    public static Credentials of(Token token) {
        String projectDomain = token.project() == null || token.project().domain() == null ? null
                : token.project().domain().id();
        String userDomain = token.user().domain() == null ? null : token.user().domain().id();
        return new Credentials(token.user().id(), userDomain, token.projectId(), projectDomain,
                token.domainScopeId(), Set.copyOf(token.roleNames()), token.systemScope(),
                isAdminProject(token.projectId(), token.isAdminProject()), token.trustId(),
                token.applicationCredentialId());
    }

    /** The caller a request context describes (the HTTP edge builds it from the token; RPC carries it). */
    public static Credentials of(RequestContext context) {
        return new Credentials(context.userId(), context.userDomainId(), context.projectId(),
                context.projectDomainId(), context.domainId(), Set.copyOf(context.roles()), context.systemScope(),
                isAdminProject(context.projectId(), context.isAdminProject()), null, null);
    }

    /**
     * A project-scoped token that does not say whether its project is the admin project counts as the admin
     * project, as keystonemiddleware has it: Keystone says nothing when no admin project is configured, and then
     * every project's admin is a cloud admin. This cloud's identity service always says.
     */
    static boolean isAdminProject(String projectId, Boolean stated) {
        if (projectId == null) {
            return false;
        }
        return stated == null || stated;
    }

    public boolean hasRole(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT));
    }

    /** The values generic checks look up, by oslo.context's names. */
    public Map<String, Object> values() {
        Map<String, Object> values = new HashMap<>();
        values.put("user_id", userId);
        values.put("user_domain_id", userDomainId);
        values.put("project_id", projectId);
        values.put("project_domain_id", projectDomainId);
        values.put("domain_id", domainId);
        values.put("roles", List.copyOf(roles));
        values.put("system_scope", systemScope);
        values.put("is_admin_project", isAdminProject);
        values.put("trust_id", trustId);
        values.put("application_credential_id", applicationCredentialId);
        return values;
    }

    /**
     * Whether the value at a dotted path equals {@code expected}; where the path meets a list, any element may
     * match. {@code is_admin} is the answer of {@code context_is_admin}.
     */
    boolean matches(String path, String expected, Evaluation evaluation) {
        if (path.equals("is_admin")) {
            return Literals.render(evaluation.isAdmin()).equals(expected);
        }
        return find(values(), path.split("\\."), 0, expected);
    }

    private static boolean find(Object value, String[] path, int at, String expected) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (find(element, path, at, expected)) {
                    return true;
                }
            }
            return false;
        }
        if (at == path.length) {
            return Literals.render(value).equals(expected);
        }
        if (value instanceof Map<?, ?> map && map.containsKey(path[at])) {
            return find(map.get(path[at]), path, at + 1, expected);
        }
        return false;
    }
}
