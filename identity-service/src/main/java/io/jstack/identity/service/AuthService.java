package io.jstack.identity.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.InvalidTokenException;
import io.jstack.common.auth.Token;
import io.jstack.common.auth.TokenVerifier;
import io.jstack.identity.model.ApplicationCredential;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v3/auth/tokens}: password, token or application credential authentication, then a scope (a
 * project by id or by name and domain, a domain, a trust, or none, in which case the user's default project if
 * they hold a role there). An application credential brings its own scope.
 * <p>
 * Every failed password login costs one bcrypt check, whether the user, their domain or their password was
 * wrong, and answers the same: neither time nor message tells which names exist.
 */
@ApplicationScoped
public class AuthService {

    static final String AUTH_REQUIRED = "The request you have made requires authentication.";
    private static final String ACTION = "You are not authorized to perform the requested action: ";

    @Inject
    PasswordHasher passwords;

    @Inject
    TokenVerifier verifier;

    @Inject
    RoleResolver roles;

    @Inject
    TokenService tokens;

    @Inject
    IdentitySettings settings;

    @Inject
    ApplicationCredentials applicationCredentials;

    @Inject
    Trusts trusts;

    /** Who authenticated, and how; for a token, what it was scoped to and delegated through. */
    private record Identity(User user, Domain domain, List<String> methods, List<String> chain, Instant expiresAt,
                            Token.Scope priorProject, Token.Ref priorDomain, String priorApplicationCredential) {
    }

    public Uni<TokenService.Issued> authenticate(JsonNode body) {
        JsonNode auth = body == null ? null : body.get("auth");
        if (auth == null || !auth.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'auth': 'auth' is a required property.");
        }
        JsonNode identity = auth.get("identity");
        if (identity == null || !identity.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'identity': 'identity' is a required property.");
        }
        JsonNode methods = identity.get("methods");
        if (methods == null || !methods.isArray() || methods.isEmpty()) {
            throw ApiException.badRequest("Invalid input for field 'methods': a list of methods is required.");
        }
        List<String> methodNames = new ArrayList<>();
        for (JsonNode m : methods) {
            if (!m.isTextual()) {
                throw ApiException.badRequest("Invalid input for field 'methods': methods are strings.");
            }
            methodNames.add(m.textValue());
        }
        JsonNode scope = auth.get("scope");
        if (methodNames.contains("application_credential")) {
            if (scope != null) {
                throw ApiException.unauthorized("Error authenticating with application credential: Application "
                        + "credentials cannot request a scope.");
            }
            return byApplicationCredential(identity.get("application_credential"));
        }
        Uni<Identity> who;
        if (methodNames.contains("password")) {
            who = byPassword(identity.get("password"));
        } else if (methodNames.contains("token")) {
            who = byToken(identity.get("token"), scope);
        } else {
            throw ApiException.unauthorized("Attempted to authenticate with an unsupported method.");
        }
        return who.chain(id -> scoped(id, scope));
    }

    // ---- password ----

    private Uni<Identity> byPassword(JsonNode password) {
        JsonNode user = password == null ? null : password.get("user");
        if (user == null || !user.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'user': 'user' is a required property.");
        }
        JsonNode secret = user.get("password");
        if (secret == null || !secret.isTextual()) {
            throw ApiException.badRequest("Invalid input for field 'password': 'password' is a required property.");
        }
        return findUser(user).chain(found -> passwords.matches(secret.textValue(), found == null ? null
                        : found.passwordHash)
                .chain(ok -> {
                    // checked after the hash, so that an unknown or disabled user costs the same time
                    if (!ok || !found.enabled) {
                        throw ApiException.unauthorized(AUTH_REQUIRED);
                    }
                    return rehashIfNeeded(found, secret.textValue()).chain(() -> enabledDomain(found.domainId));
                })
                .map(domain -> new Identity(found, domain, List.of("password"), List.of(), null, null, null, null)));
    }

    /** The user named by id, or by name in a domain; null (not an error yet) when there is none. */
    private Uni<User> findUser(JsonNode user) {
        JsonNode id = user.get("id");
        if (id != null && id.isTextual()) {
            return User.findById(id.textValue());
        }
        JsonNode name = user.get("name");
        if (name == null || !name.isTextual()) {
            throw ApiException.badRequest("Invalid input for field 'user': an id, or a name and a domain, is required.");
        }
        return domainOrNull(user.get("domain"), "user").chain(domain -> domain == null
                ? Uni.createFrom().nullItem()
                : User.<User>find("domainId = ?1 and lower(name) = lower(?2)", domain.id, name.textValue())
                        .firstResult());
    }

    /** A hash made at another work factor than the configured one is re-made, if nobody changed it meanwhile. */
    private Uni<Void> rehashIfNeeded(User user, String password) {
        if (!passwords.needsRehash(user.passwordHash)) {
            return Uni.createFrom().voidItem();
        }
        String old = user.passwordHash;
        return passwords.hash(password).chain(hash -> Panache.withTransaction(() -> User.update(
                "passwordHash = ?1 where id = ?2 and passwordHash = ?3", hash, user.id, old))).replaceWithVoid();
    }

    // ---- token ----

    private Uni<Identity> byToken(JsonNode tokenNode, JsonNode scope) {
        JsonNode id = tokenNode == null ? null : tokenNode.get("id");
        if (id == null || !id.isTextual()) {
            throw ApiException.badRequest("Invalid input for field 'token': 'id' is a required property.");
        }
        Token prior;
        try {
            prior = verifier.verify(id.textValue());
        } catch (InvalidTokenException e) {
            throw ApiException.unauthorized(e.getMessage());
        }
        if (prior.trust() != null) {
            throw ApiException.forbidden(ACTION + "Using trust-scoped token to create another token. Create a new "
                    + "trust-scoped token instead");
        }
        if (prior.applicationCredential() != null && scope != null) {
            throw ApiException.forbidden(ACTION + "Using an application credential token to create a scoped token is "
                    + "not allowed.");
        }
        return User.<User>findById(prior.user().id()).chain(user -> {
            if (user == null || !user.enabled) {
                throw ApiException.unauthorized(AUTH_REQUIRED);
            }
            // the new token was obtained with a token, on top of however the first one was
            List<String> methods = new ArrayList<>(prior.methods());
            if (!methods.contains("token")) {
                methods.add("token");
            }
            return enabledDomain(user.domainId).map(domain -> new Identity(user, domain, methods,
                    prior.auditIds(), prior.expiresAt(), prior.project(), prior.domain(),
                    prior.applicationCredentialId()));
        });
    }

    // ---- application credential ----

    private Uni<TokenService.Issued> byApplicationCredential(JsonNode credential) {
        if (credential == null || !credential.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'application_credential': "
                    + "'application_credential' is a required property.");
        }
        JsonNode secret = credential.get("secret");
        if (secret == null || !secret.isTextual()) {
            throw ApiException.badRequest("Invalid input for field 'secret': 'secret' is a required property.");
        }
        String id = text(credential.get("id"));
        String name = text(credential.get("name"));
        if (id == null && name == null) {
            throw ApiException.badRequest("Expecting to find id or name in application credential. The server could "
                    + "not comply with the request since it is either malformed or otherwise incorrect. The client "
                    + "is assumed to be in error.");
        }
        // by id, the credential names its owner: a user given beside it is ignored (LP#2148477)
        Uni<User> owner = id != null ? Uni.createFrom().nullItem() : credentialOwner(credential.get("user"));
        return applicationCredentials.authenticate(id, name, owner, secret.textValue())
                .map(a -> fromApplicationCredential(a, List.of("application_credential"), List.of(), null));
    }

    private Uni<User> credentialOwner(JsonNode user) {
        if (user == null || !user.isObject()) {
            throw ApiException.badRequest("Expecting to find user in application credential. The server could not "
                    + "comply with the request since it is either malformed or otherwise incorrect. The client is "
                    + "assumed to be in error.");
        }
        JsonNode id = user.get("id");
        Uni<User> found;
        if (id != null && id.isTextual()) {
            found = User.findById(id.textValue());
        } else {
            JsonNode name = user.get("name");
            if (name == null || !name.isTextual()) {
                throw ApiException.badRequest("Invalid input for field 'user': an id, or a name and a domain, is "
                        + "required.");
            }
            found = domainRef(user.get("domain"), "user").chain(d -> User.<User>find(
                    "domainId = ?1 and lower(name) = lower(?2)", d.id, name.textValue()).firstResult());
        }
        return found.map(u -> {
            if (u == null) {
                throw ApiException.unauthorized(AUTH_REQUIRED);
            }
            return u;
        });
    }

    private TokenService.Issued fromApplicationCredential(ApplicationCredentials.Authenticated a, List<String> methods,
                                                          List<String> chain, Instant expiresAt) {
        Token.Principal principal = new Token.Principal(a.user().id, a.user().name,
                new Token.Ref(a.userDomain().id, a.userDomain().name));
        Token.Scope scope = new Token.Scope(a.project().id, a.project().name,
                new Token.Ref(a.projectDomain().id, a.projectDomain().name));
        return tokens.issue(principal, scope, null, refs(a.roles()), methods, chain, expiresAt,
                settings.token().expiration(), TokenService.Delegation.applicationCredential(a.claim(),
                        a.details().credential().expiresAt));
    }

    // ---- scope ----

    private Uni<TokenService.Issued> scoped(Identity who, JsonNode scope) {
        Token.Principal principal = new Token.Principal(who.user().id, who.user().name,
                new Token.Ref(who.domain().id, who.domain().name));
        if (scope == null || scope.isNull() || (scope.isTextual() && scope.textValue().equals("unscoped"))) {
            if (who.priorApplicationCredential() != null) {
                // a token from an application credential is exchanged for one of the same credential
                return ApplicationCredential.<ApplicationCredential>findById(who.priorApplicationCredential())
                        .chain(c -> {
                            if (c == null || c.isExpired(Instant.now())) {
                                throw ApiException.unauthorized(AUTH_REQUIRED);
                            }
                            return applicationCredentials.resume(c);
                        }).map(a -> fromApplicationCredential(a, who.methods(), who.chain(), who.expiresAt()));
            }
            if (who.priorProject() != null || who.priorDomain() != null) {
                // a token exchanged without a scope keeps its scope, as in Keystone
                return who.priorProject() != null
                        ? Project.<Project>findById(who.priorProject().id()).chain(p -> toProject(who, principal, p))
                        : toDomain(who, principal, who.priorDomain().id());
            }
            return defaultProject(who, principal);
        }
        if (!scope.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'scope': it must be an object.");
        }
        if (scope.has("project")) {
            return findProject(scope.get("project")).chain(p -> toProject(who, principal, p));
        }
        if (scope.has("domain")) {
            return domainRef(scope.get("domain"), "scope").chain(d -> toDomain(who, principal, d.id));
        }
        if (scope.has("OS-TRUST:trust")) {
            return toTrust(who, scope.get("OS-TRUST:trust"));
        }
        if (scope.has("system")) {
            throw ApiException.unauthorized("System-scoped tokens are not offered by this cloud.");
        }
        throw ApiException.badRequest("Invalid input for field 'scope': a project or a domain is required.");
    }

    private Uni<TokenService.Issued> toTrust(Identity who, JsonNode ref) {
        String trustId = ref == null || !ref.isObject() ? null : text(ref.get("id"));
        if (trustId == null) {
            throw ApiException.badRequest("Expecting to find trust_id in trust. The server could not comply with the "
                    + "request since it is either malformed or otherwise incorrect. The client is assumed to be in "
                    + "error.");
        }
        return trusts.scope(who.user(), trustId).map(s -> {
            Token.Principal principal = new Token.Principal(s.user().id, s.user().name,
                    new Token.Ref(s.userDomain().id, s.userDomain().name));
            Token.Scope project = s.project() == null ? null : new Token.Scope(s.project().id, s.project().name,
                    new Token.Ref(s.projectDomain().id, s.projectDomain().name));
            return tokens.issue(principal, project, null, refs(s.roles()), who.methods(), who.chain(),
                    who.expiresAt(), settings.token().expiration(),
                    TokenService.Delegation.trust(s.claim(), s.trust().expiresAt));
        });
    }

    private Uni<Domain> enabledDomain(String domainId) {
        return Domain.<Domain>findById(domainId).map(d -> {
            if (d == null || !d.enabled) {
                throw ApiException.unauthorized(AUTH_REQUIRED);
            }
            return d;
        });
    }

    /** A domain given as {@code {"id": ...}} or {@code {"name": ...}}; unknown ones are a 401, as in Keystone. */
    private Uni<Domain> domainRef(JsonNode ref, String owner) {
        return domainOrNull(ref, owner).map(d -> {
            if (d == null) {
                throw ApiException.unauthorized(AUTH_REQUIRED);
            }
            return d;
        });
    }

    private Uni<Domain> domainOrNull(JsonNode ref, String owner) {
        if (ref == null || !ref.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'domain': a " + owner
                    + " named by name needs its domain.");
        }
        JsonNode id = ref.get("id");
        JsonNode name = ref.get("name");
        if (id != null && id.isTextual()) {
            return Domain.findById(id.textValue());
        } else if (name != null && name.isTextual()) {
            return Domain.<Domain>find("lower(name) = lower(?1)", name.textValue()).firstResult();
        }
        throw ApiException.badRequest("Invalid input for field 'domain': an id or a name is required.");
    }

    private Uni<Project> findProject(JsonNode ref) {
        if (ref == null || !ref.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'project': it must be an object.");
        }
        JsonNode id = ref.get("id");
        if (id != null && id.isTextual()) {
            return Project.findById(id.textValue());
        }
        JsonNode name = ref.get("name");
        if (name == null || !name.isTextual()) {
            throw ApiException.badRequest("Invalid input for field 'project': an id, or a name and a domain, is required.");
        }
        return domainRef(ref.get("domain"), "project").chain(d ->
                Project.<Project>find("domainId = ?1 and lower(name) = lower(?2)", d.id, name.textValue())
                        .firstResult());
    }

    private Uni<TokenService.Issued> defaultProject(Identity who, Token.Principal principal) {
        if (who.user().defaultProjectId == null) {
            return Uni.createFrom().item(unscoped(who, principal));
        }
        return Project.<Project>findById(who.user().defaultProjectId).chain(project -> {
            if (project == null || !project.enabled) {
                return Uni.createFrom().item(unscoped(who, principal));
            }
            return roles.onProject(who.user().id, project).chain(held -> held.isEmpty()
                    ? Uni.createFrom().item(unscoped(who, principal))
                    : toProject(who, principal, project));
        });
    }

    private TokenService.Issued unscoped(Identity who, Token.Principal principal) {
        return tokens.issue(principal, null, null, List.of(), who.methods(), who.chain(), who.expiresAt(),
                settings.token().expiration());
    }

    private Uni<TokenService.Issued> toProject(Identity who, Token.Principal principal, Project project) {
        if (project == null) {
            throw ApiException.unauthorized("Could not find the project to scope to.");
        }
        if (!project.enabled) {
            throw ApiException.unauthorized("The project " + project.id + " is disabled.");
        }
        return enabledDomain(project.domainId).chain(domain -> roles.onProject(who.user().id, project).map(held -> {
            if (held.isEmpty()) {
                throw ApiException.unauthorized("The user has no access to project " + project.id + ".");
            }
            Token.Scope scope = new Token.Scope(project.id, project.name, new Token.Ref(domain.id, domain.name));
            return tokens.issue(principal, scope, null, refs(held), who.methods(), who.chain(), who.expiresAt(),
                    settings.token().expiration());
        }));
    }

    private Uni<TokenService.Issued> toDomain(Identity who, Token.Principal principal, String domainId) {
        return enabledDomain(domainId).chain(domain -> roles.onDomain(who.user().id, domain.id).map(held -> {
            if (held.isEmpty()) {
                throw ApiException.unauthorized("The user has no access to domain " + domain.id + ".");
            }
            return tokens.issue(principal, null, new Token.Ref(domain.id, domain.name), refs(held), who.methods(),
                    who.chain(), who.expiresAt(), settings.token().expiration());
        }));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    static List<Token.Ref> refs(List<Role> held) {
        return held.stream().map(r -> new Token.Ref(r.id, r.name)).toList();
    }
}
