package io.jstack.common.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * What a token says: who, scoped to what, with which roles, until when. This is the signed payload of the JWS
 * token the identity service issues; any service verifies it offline with the identity service's public keys.
 * Fields and names follow Keystone's token body so the identity service renders it directly.
 *
 * @param project  the project scope, or null
 * @param domain   the domain scope, or null
 * @param auditIds this token's audit id, then (for a rescoped token) the audit id of the token it came from
 * @param trust    for a trust-scoped token ({@code OS-TRUST:trust}), the trust it was issued through, else null
 * @param applicationCredential for a token from an application credential, that credential, else null
 * @param isAdminProject for a project-scoped token, whether its project is the cloud's admin project (Keystone's
 *                       {@code is_admin_project}); null when the identity service does not say
 * @param system   for a system-scoped token, {@code {"all": true}}, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Token(
        @JsonProperty("user") Principal user,
        @JsonProperty("project") Scope project,
        @JsonProperty("domain") Ref domain,
        @JsonProperty("roles") List<Ref> roles,
        @JsonProperty("methods") List<String> methods,
        @JsonProperty("issued_at") Instant issuedAt,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("audit_ids") List<String> auditIds,
        @JsonProperty("OS-TRUST:trust") Trust trust,
        @JsonProperty("application_credential") ApplicationCredential applicationCredential,
        @JsonProperty("is_admin_project") Boolean isAdminProject,
        @JsonProperty("system") SystemScope system) {

    /** The system scope of a system-scoped token: Keystone only knows {@code all}. */
    public record SystemScope(@JsonProperty("all") boolean all) {
    }

    /** An id and a name: a role, a domain. */
    public record Ref(@JsonProperty("id") String id, @JsonProperty("name") String name) {
    }

    /** A user or project: id, name and owning domain. */
    public record Principal(@JsonProperty("id") String id, @JsonProperty("name") String name,
                            @JsonProperty("domain") Ref domain) {
    }

    /** A project scope. */
    public record Scope(@JsonProperty("id") String id, @JsonProperty("name") String name,
                        @JsonProperty("domain") Ref domain) {
    }

    /** A user of a trust ({@code trustor_user}, {@code trustee_user}). */
    public record UserRef(@JsonProperty("id") String id) {
    }

    /** The trust a trust-scoped token was issued through, as Keystone's token body shows it. */
    public record Trust(@JsonProperty("id") String id, @JsonProperty("trustor_user") UserRef trustor,
                        @JsonProperty("trustee_user") UserRef trustee,
                        @JsonProperty("impersonation") boolean impersonation) {
    }

    /** What a request may do with a token restricted by access rules: one service type, method and path. */
    public record AccessRule(@JsonProperty("id") String id, @JsonProperty("service") String service,
                             @JsonProperty("method") String method, @JsonProperty("path") String path) {
    }

    /**
     * The application credential a token was issued from. {@code restricted} tokens may not manage application
     * credentials; {@code access_rules}, when present, are the only requests the token may make.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationCredential(@JsonProperty("id") String id, @JsonProperty("name") String name,
                                        @JsonProperty("restricted") boolean restricted,
                                        @JsonProperty("access_rules") List<AccessRule> accessRules) {
    }

    /** A token that is not delegated (neither through a trust nor an application credential). */
    public Token(Principal user, Scope project, Ref domain, List<Ref> roles, List<String> methods,
                 Instant issuedAt, Instant expiresAt, List<String> auditIds) {
        this(user, project, domain, roles, methods, issuedAt, expiresAt, auditIds, null, null);
    }

    /** A token that does not say whether its project is the admin project, nor is system-scoped. */
    public Token(Principal user, Scope project, Ref domain, List<Ref> roles, List<String> methods,
                 Instant issuedAt, Instant expiresAt, List<String> auditIds, Trust trust,
                 ApplicationCredential applicationCredential) {
        this(user, project, domain, roles, methods, issuedAt, expiresAt, auditIds, trust, applicationCredential,
                null, null);
    }

    public Token {
        roles = roles == null ? List.of() : List.copyOf(roles);
        methods = methods == null ? List.of() : List.copyOf(methods);
        auditIds = auditIds == null ? List.of() : List.copyOf(auditIds);
    }

    @JsonIgnore
    public List<String> roleNames() {
        return roles.stream().map(Ref::name).toList();
    }

    @JsonIgnore
    public boolean hasRole(String name) {
        for (Ref role : roles) {
            if (role.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @JsonIgnore
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @JsonIgnore
    public String projectId() {
        return project == null ? null : project.id();
    }

    @JsonIgnore
    public String domainScopeId() {
        return domain == null ? null : domain.id();
    }

    @JsonIgnore
    public String trustId() {
        return trust == null ? null : trust.id();
    }

    @JsonIgnore
    public String applicationCredentialId() {
        return applicationCredential == null ? null : applicationCredential.id();
    }

    /** {@code all} for a system-scoped token, else null (oslo.context's {@code system_scope}). */
    @JsonIgnore
    public String systemScope() {
        return system != null && system.all() ? "all" : null;
    }

    @JsonIgnore
    public String auditId() {
        return auditIds.isEmpty() ? null : auditIds.getFirst();
    }
}
