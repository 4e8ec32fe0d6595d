package io.jstack.identity.service;

import io.jstack.common.auth.Token;
import io.jstack.common.auth.TokenCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signs tokens and renders them as Keystone's token body. */
@ApplicationScoped
public class TokenService {

    /** Keystone's timestamp format: microseconds, UTC, {@code Z}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SigningKeys keys;

    @Inject
    CatalogBuilder catalog;

    @Inject
    IdentitySettings settings;

    private final TokenCodec codec = new TokenCodec();

    public record Issued(String id, Token token) {
    }

    /**
     * What a token was delegated through, if anything: a trust or an application credential, which it names, and
     * which it does not outlive.
     */
    public record Delegation(Token.Trust trust, Token.ApplicationCredential applicationCredential, Instant notAfter) {
        public static final Delegation NONE = new Delegation(null, null, null);

        public static Delegation trust(Token.Trust trust, Instant expiresAt) {
            return new Delegation(trust, null, expiresAt);
        }

        public static Delegation applicationCredential(Token.ApplicationCredential credential, Instant expiresAt) {
            return new Delegation(null, credential, expiresAt);
        }
    }

    /**
     * @param chain the audit chain of the token this one was rescoped from (empty for a new authentication)
     * @param expiresAt null for a fresh lifetime
     */
    public Issued issue(Token.Principal user, Token.Scope project, Token.Ref domain, List<Token.Ref> roles,
                        List<String> methods, List<String> chain, Instant expiresAt, java.time.Duration lifetime) {
        return issue(user, project, domain, roles, methods, chain, expiresAt, lifetime, Delegation.NONE);
    }

    public Issued issue(Token.Principal user, Token.Scope project, Token.Ref domain, List<Token.Ref> roles,
                        List<String> methods, List<String> chain, Instant expiresAt, java.time.Duration lifetime,
                        Delegation delegation) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> audit = new ArrayList<>();
        audit.add(newAuditId());
        if (!chain.isEmpty()) {
            audit.add(chain.getLast());
        }
        Instant expires = expiresAt != null ? expiresAt : now.plus(lifetime);
        if (delegation.notAfter() != null && delegation.notAfter().isBefore(expires)) {
            // a token never outlives the trust or application credential it came from (CVE-2022-2447)
            expires = delegation.notAfter().truncatedTo(ChronoUnit.MICROS);
        }
        Token token = new Token(user, project, domain, roles, methods, now, expires, audit, delegation.trust(),
                delegation.applicationCredential(), isAdminProject(project), null);
        SigningKeys.Entry key = keys.signing();
        return new Issued(codec.sign(token, key.id(), key.privateKey()), token);
    }

    /**
     * Whether a project scope is the admin project, by name and domain name as Keystone compares them (without
     * case here, as names are looked up); null when the token is not project-scoped or no admin project is set.
     */
    Boolean isAdminProject(Token.Scope project) {
        if (project == null || settings.adminProject().name().isEmpty()) {
            return null;
        }
        return project.name().equalsIgnoreCase(settings.adminProject().name().get())
                && project.domain() != null
                && project.domain().name().equalsIgnoreCase(settings.adminProject().domainName());
    }

    public Uni<Map<String, Object>> render(Token token, boolean withCatalog) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("methods", token.methods());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", token.user().id());
        user.put("name", token.user().name());
        user.put("domain", token.user().domain());
        user.put("password_expires_at", null);
        body.put("user", user);
        body.put("audit_ids", token.auditIds());
        body.put("expires_at", TIME.format(token.expiresAt()));
        body.put("issued_at", TIME.format(token.issuedAt()));
        if (token.project() != null) {
            body.put("project", token.project());
            body.put("is_domain", false);
            if (token.isAdminProject() != null) {
                body.put("is_admin_project", token.isAdminProject());
            }
        } else if (token.domain() != null) {
            body.put("domain", token.domain());
        }
        if (token.project() != null || token.domain() != null) {
            body.put("roles", token.roles());
        }
        if (token.trust() != null) {
            body.put("OS-TRUST:trust", token.trust());
        }
        if (token.applicationCredential() != null) {
            body.put("application_credential", token.applicationCredential());
        }
        // an unscoped token opens no service, so it carries no catalog (not even an empty one)
        if (!withCatalog || (token.project() == null && token.domain() == null)) {
            return Uni.createFrom().item(Map.of("token", body));
        }
        return catalog.catalog(token.projectId(), token.user().id()).map(c -> {
            body.put("catalog", c);
            return Map.of("token", body);
        });
    }

    private static String newAuditId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
