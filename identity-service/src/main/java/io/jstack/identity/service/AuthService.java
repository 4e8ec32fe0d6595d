package io.jstack.identity.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.InvalidTokenException;
import io.jstack.common.auth.Token;
import io.jstack.common.auth.TokenVerifier;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v3/auth/tokens}: password or token authentication, then a scope (a project by id or by name and
 * domain, a domain, or none, in which case the user's default project if they hold a role there).
 */
@ApplicationScoped
public class AuthService {

    private static final String AUTH_REQUIRED = "The request you have made requires authentication.";

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

    /** Who authenticated, and how. */
    private record Identity(User user, Domain domain, List<String> methods, List<String> chain, Instant expiresAt,
                            Token.Scope priorProject, Token.Ref priorDomain) {
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
        Uni<Identity> who;
        if (methodNames.contains("password")) {
            who = byPassword(identity.get("password"));
        } else if (methodNames.contains("token")) {
            who = byToken(identity.get("token"));
        } else {
            throw ApiException.unauthorized("Attempted to authenticate with an unsupported method.");
        }
        JsonNode scope = auth.get("scope");
        return who.chain(id -> scoped(id, scope));
    }

    private Uni<Identity> byPassword(JsonNode password) {
        JsonNode user = password == null ? null : password.get("user");
        if (user == null || !user.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'user': 'user' is a required property.");
        }
        JsonNode secret = user.get("password");
        if (secret == null || !secret.isTextual()) {
            throw ApiException.badRequest("Invalid input for field 'password': 'password' is a required property.");
        }
        return findUser(user).chain(found -> passwords.matches(secret.textValue(), found.passwordHash)
                .chain(ok -> {
                    if (!ok || !found.enabled) {
                        throw ApiException.unauthorized(AUTH_REQUIRED);
                    }
                    return enabledDomain(found.domainId);
                })
                .map(domain -> new Identity(found, domain, List.of("password"), List.of(), null, null, null)));
    }

    private Uni<User> findUser(JsonNode user) {
        JsonNode id = user.get("id");
        if (id != null && id.isTextual()) {
            return User.<User>findById(id.textValue()).map(u -> require(u));
        }
        JsonNode name = user.get("name");
        if (name == null || !name.isTextual()) {
            throw ApiException.badRequest("Invalid input for field 'user': an id, or a name and a domain, is required.");
        }
        return domainRef(user.get("domain"), "user").chain(domain ->
                User.<User>find("domainId = ?1 and lower(name) = lower(?2)", domain.id, name.textValue())
                        .firstResult().map(AuthService::require));
    }

    private static User require(User user) {
        if (user == null) {
            throw ApiException.unauthorized(AUTH_REQUIRED);
        }
        return user;
    }

    private Uni<Identity> byToken(JsonNode tokenNode) {
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
                    prior.auditIds(), prior.expiresAt(), prior.project(), prior.domain()));
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
        if (ref == null || !ref.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'domain': a " + owner
                    + " named by name needs its domain.");
        }
        JsonNode id = ref.get("id");
        JsonNode name = ref.get("name");
        Uni<Domain> found;
        if (id != null && id.isTextual()) {
            found = Domain.findById(id.textValue());
        } else if (name != null && name.isTextual()) {
            found = Domain.<Domain>find("lower(name) = lower(?1)", name.textValue()).firstResult();
        } else {
            throw ApiException.badRequest("Invalid input for field 'domain': an id or a name is required.");
        }
        return found.map(d -> {
            if (d == null) {
                throw ApiException.unauthorized("Could not find domain: " + (id != null ? id.asText()
                        : name.asText()) + ".");
            }
            return d;
        });
    }

    private Uni<TokenService.Issued> scoped(Identity who, JsonNode scope) {
        Token.Principal principal = new Token.Principal(who.user().id, who.user().name,
                new Token.Ref(who.domain().id, who.domain().name));
        if (scope == null || scope.isNull() || (scope.isTextual() && scope.textValue().equals("unscoped"))) {
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
        if (scope.has("system")) {
            throw ApiException.unauthorized("System-scoped tokens are not offered by this cloud.");
        }
        throw ApiException.badRequest("Invalid input for field 'scope': a project or a domain is required.");
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

    static List<Token.Ref> refs(List<Role> held) {
        return held.stream().map(r -> new Token.Ref(r.id, r.name)).toList();
    }
}
