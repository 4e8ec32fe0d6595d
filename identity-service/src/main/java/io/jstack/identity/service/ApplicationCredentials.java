package io.jstack.identity.service;

import io.jstack.common.api.ApiException;
import io.jstack.common.auth.Token;
import io.jstack.identity.model.AccessRule;
import io.jstack.identity.model.ApplicationCredential;
import io.jstack.identity.model.ApplicationCredentialAccessRule;
import io.jstack.identity.model.ApplicationCredentialRole;
import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Application credentials, as Keystone has them: a user delegates some of their roles on the project of their
 * token to an application, which authenticates with the credential's secret and gets tokens scoped to that project
 * with those roles (as far as the user still holds them). Deleting one, and everything that deletes one (its user
 * deleted or disabled, one of its roles deleted), revokes every token issued from it.
 */
@ApplicationScoped
public class ApplicationCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String INVALID = "Invalid application credential: ";

    @Inject
    PasswordHasher hasher;

    @Inject
    RoleResolver roles;

    @Inject
    RevocationService revocation;

    @Inject
    IdentitySettings settings;

    /** A role asked for by id or by name. */
    public record RoleRef(String id, String name) {
    }

    /** An access rule asked for: an existing one by id, or a service, method and path. */
    public record RuleRef(String id, String service, String method, String path) {
    }

    /** What a create request asks for (already checked for shape). */
    public record Request(String name, String description, String secret, Instant expiresAt, List<RoleRef> roles,
                          boolean unrestricted, List<RuleRef> accessRules) {
    }

    /** A credential with its roles and access rules (null when it has none, as Keystone shows it). */
    public record Details(ApplicationCredential credential, List<Role> roles, List<AccessRule> accessRules) {
    }

    /** A new credential and its secret, shown this once. */
    public record Created(Details details, String secret) {
    }

    /** Who an application credential authenticates, on what, with which roles. */
    public record Authenticated(User user, Domain userDomain, Project project, Domain projectDomain,
                                List<Role> roles, Details details) {
        public Token.ApplicationCredential claim() {
            List<Token.AccessRule> rules = details.accessRules() == null ? null : details.accessRules().stream()
                    .map(r -> new Token.AccessRule(r.id, r.service, r.method, r.path)).toList();
            ApplicationCredential c = details.credential();
            return new Token.ApplicationCredential(c.id, c.name, !c.unrestricted, rules);
        }
    }

    // ---- create, read, delete ----

    public Uni<Created> create(Token caller, String userId, Request request) {
        if (caller.project() == null) {
            throw ApiException.badRequest(INVALID + "an application credential is made with a project-scoped token");
        }
        if (request.accessRules() != null && request.accessRules().size() > settings.applicationCredential().maxAccessRules()) {
            throw ApiException.badRequest(INVALID + "at most " + settings.applicationCredential().maxAccessRules()
                    + " access rules");
        }
        String projectId = caller.projectId();
        String secret = request.secret() != null && !request.secret().isEmpty() ? request.secret() : newSecret();
        ApplicationCredential c = new ApplicationCredential();
        c.id = Ids.newId();
        c.name = request.name();
        c.userId = userId;
        c.projectId = projectId;
        c.description = request.description();
        c.expiresAt = request.expiresAt();
        c.unrestricted = request.unrestricted();
        return checkLimit(userId)
                .chain(() -> delegatedRoles(caller, userId, request.roles()))
                .call(wanted -> requireHeld(userId, projectId, wanted))
                .call(() -> ApplicationCredential.count("userId = ?1 and name = ?2", userId, c.name).invoke(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Conflict occurred attempting to store application_credential - "
                                + "Duplicate entry found with name " + c.name + ".");
                    }
                }))
                .chain(wanted -> hasher.hash(PasswordHasher.truncated(secret)).chain(hash -> {
                    c.secretHash = hash;
                    return c.<ApplicationCredential>persist();
                }).chain(() -> Unis.inSequence(wanted.stream().<Supplier<Uni<?>>>map(r ->
                        () -> ApplicationCredentialRole.of(c.id, r.id).persist()).toList()))
                        .chain(() -> attachRules(c, request.accessRules()))
                        .map(rules -> new Created(new Details(c, wanted, rules), secret)));
    }

    private Uni<Void> checkLimit(String userId) {
        int limit = settings.applicationCredential().userLimit();
        if (limit < 0) {
            return Uni.createFrom().voidItem();
        }
        return ApplicationCredential.count("userId", userId).invoke(n -> {
            if (n >= limit) {
                throw ApiException.forbidden("Unable to create additional application credentials, maximum of "
                        + limit + " already exceeded for user.");
            }
        }).replaceWithVoid();
    }

    /**
     * The roles asked for with every role they imply, each of which the caller must have to give: a token from an
     * application credential gives at most its own roles (so an application cannot delegate more than it was
     * given); a user's own token gives what the user holds on the project now (as Keystone, which reads a token's
     * roles when it is used). None asked for means all of those.
     */
    private Uni<List<Role>> delegatedRoles(Token caller, String userId, List<RoleRef> asked) {
        Uni<Set<String>> givable;
        if (caller.applicationCredential() != null) {
            Set<String> tokenRoles = new LinkedHashSet<>();
            caller.roles().forEach(r -> tokenRoles.add(r.id()));
            givable = Uni.createFrom().item(tokenRoles);
        } else {
            givable = Project.<Project>findById(caller.projectId()).chain(p -> p == null
                    ? Uni.createFrom().item(List.<Role>of()) : roles.onProject(userId, p)).map(held -> {
                        Set<String> ids = new LinkedHashSet<>();
                        held.forEach(r -> ids.add(r.id));
                        return ids;
                    });
        }
        return givable.chain(allowed -> {
            if (asked == null || asked.isEmpty()) {
                return allowed.isEmpty() ? Uni.createFrom().item(List.<Role>of())
                        : Role.<Role>list("id in ?1 order by name", allowed);
            }
            List<Supplier<Uni<?>>> lookups = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (RoleRef ref : asked) {
                lookups.add(() -> roleId(ref).invoke(ids::add));
            }
            return Unis.inSequence(lookups).chain(() -> roles.expand(ids)).map(found -> {
                Set<String> all = new LinkedHashSet<>(ids);
                found.forEach(r -> all.add(r.id));
                if (!allowed.containsAll(all)) {
                    throw ApiException.badRequest(INVALID + "Cannot create an application credential with "
                            + "unassigned role");
                }
                return found;
            });
        });
    }

    private static Uni<String> roleId(RoleRef ref) {
        if (ref.id() != null) {
            return Uni.createFrom().item(ref.id());
        }
        return Role.<Role>list("name = ?1 order by domainId nulls first", ref.name()).map(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("Could not find role: " + ref.name() + ".");
            }
            return found.getFirst().id;
        });
    }

    /** The user must (still) hold every role on the project. */
    private Uni<Void> requireHeld(String userId, String projectId, List<Role> wanted) {
        return Project.<Project>findById(projectId).chain(p -> p == null ? Uni.createFrom().item(List.<Role>of())
                : roles.onProject(userId, p)).invoke(held -> {
            Set<String> heldIds = new LinkedHashSet<>();
            held.forEach(r -> heldIds.add(r.id));
            for (Role r : wanted) {
                if (!heldIds.contains(r.id)) {
                    throw ApiException.badRequest(INVALID + "Could not find role assignment with role: " + r.id
                            + ", user or group: " + userId + ", project, domain, or system: " + projectId + ".");
                }
            }
        }).replaceWithVoid();
    }

    /** Reuses the user's rules named by id or by the same service, method and path; makes the others. */
    private Uni<List<AccessRule>> attachRules(ApplicationCredential c, List<RuleRef> asked) {
        if (asked == null || asked.isEmpty()) {
            return Uni.createFrom().item((List<AccessRule>) null);
        }
        List<AccessRule> attached = new ArrayList<>();
        List<Supplier<Uni<?>>> ops = new ArrayList<>();
        for (RuleRef ref : asked) {
            ops.add(() -> findOrCreateRule(c.userId, ref).chain(rule -> {
                if (attached.stream().anyMatch(a -> a.id.equals(rule.id))) {
                    return Uni.createFrom().voidItem();
                }
                attached.add(rule);
                return ApplicationCredentialAccessRule.of(c.id, rule.id).persist().replaceWithVoid();
            }));
        }
        return Unis.inSequence(ops).map(ignored -> attached);
    }

    private static Uni<AccessRule> findOrCreateRule(String userId, RuleRef ref) {
        Uni<AccessRule> byId = ref.id() == null ? Uni.createFrom().nullItem()
                : AccessRule.<AccessRule>find("id = ?1 and userId = ?2", ref.id(), userId).firstResult();
        return byId.chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            if (ref.service() == null || ref.method() == null || ref.path() == null) {
                throw ApiException.badRequest(INVALID + "access rule " + ref.id() + " is not one of the user's; a "
                        + "new rule needs a service, a method and a path");
            }
            return AccessRule.<AccessRule>find("userId = ?1 and service = ?2 and path = ?3 and method = ?4",
                    userId, ref.service(), ref.path(), ref.method()).firstResult().chain(same -> {
                        if (same != null) {
                            return Uni.createFrom().item(same);
                        }
                        AccessRule rule = new AccessRule();
                        rule.id = Ids.newId();
                        rule.userId = userId;
                        rule.service = ref.service();
                        rule.method = ref.method();
                        rule.path = ref.path();
                        return rule.<AccessRule>persist();
                    });
        });
    }

    public Uni<Details> get(String id) {
        return ApplicationCredential.<ApplicationCredential>findById(id).chain(c -> {
            if (c == null) {
                throw ApiException.notFound("Could not find Application Credential: " + id + ".");
            }
            return details(List.of(c)).map(List::getFirst);
        });
    }

    /** A user's credentials matching {@code hql} (over the credential's fields) with its parameters. */
    public Uni<List<Details>> list(String userId, String hql, Object[] params) {
        List<Object> all = new ArrayList<>();
        all.add(userId);
        for (Object p : params) {
            all.add(p);
        }
        String where = "userId = ?1" + (hql.isEmpty() ? "" : " and " + shift(hql, 1));
        return ApplicationCredential.<ApplicationCredential>list(where + " order by name", all.toArray())
                .chain(this::details);
    }

    /** Renumbers the positional parameters of a clause: {@code ?1} becomes {@code ?(1 + by)}. */
    private static String shift(String hql, int by) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\?(\\d+)").matcher(hql);
        while (m.find()) {
            m.appendReplacement(out, "?" + (Integer.parseInt(m.group(1)) + by));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Uni<List<Details>> details(List<ApplicationCredential> credentials) {
        if (credentials.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = credentials.stream().map(c -> c.id).toList();
        return ApplicationCredentialRole.<ApplicationCredentialRole>list("applicationCredentialId in ?1", ids)
                .chain(roleRows -> ApplicationCredentialAccessRule.<ApplicationCredentialAccessRule>list(
                        "applicationCredentialId in ?1", ids).chain(ruleRows -> {
                            Set<String> roleIds = new LinkedHashSet<>();
                            roleRows.forEach(r -> roleIds.add(r.roleId));
                            Set<String> ruleIds = new LinkedHashSet<>();
                            ruleRows.forEach(r -> ruleIds.add(r.accessRuleId));
                            Uni<List<Role>> rolesU = roleIds.isEmpty() ? Uni.createFrom().item(List.of())
                                    : Role.list("id in ?1 order by name", roleIds);
                            return rolesU.chain(roleList -> (ruleIds.isEmpty()
                                    ? Uni.createFrom().item(List.<AccessRule>of())
                                    : AccessRule.<AccessRule>list("id in ?1", ruleIds)).map(ruleList -> {
                                        Map<String, Role> roleById = new HashMap<>();
                                        roleList.forEach(r -> roleById.put(r.id, r));
                                        Map<String, AccessRule> ruleById = new HashMap<>();
                                        ruleList.forEach(r -> ruleById.put(r.id, r));
                                        List<Details> out = new ArrayList<>();
                                        for (ApplicationCredential c : credentials) {
                                            List<Role> mine = roleRows.stream()
                                                    .filter(r -> r.applicationCredentialId.equals(c.id))
                                                    .map(r -> roleById.get(r.roleId)).filter(r -> r != null)
                                                    .sorted(java.util.Comparator.comparing(r -> r.name)).toList();
                                            List<AccessRule> rules = ruleRows.stream()
                                                    .filter(r -> r.applicationCredentialId.equals(c.id))
                                                    .map(r -> ruleById.get(r.accessRuleId))
                                                    .filter(r -> r != null).toList();
                                            out.add(new Details(c, mine, rules.isEmpty() ? null : rules));
                                        }
                                        return out;
                                    }));
                        }));
    }

    /** Deletes one and revokes its tokens everywhere. */
    public Uni<Void> delete(ApplicationCredential c) {
        return ApplicationCredential.delete("id", c.id).chain(() -> revocation.revokeApplicationCredential(c.id));
    }

    /** A user deleted or disabled: their credentials and access rules go, with every token from them. */
    public Uni<Void> deleteForUser(String userId) {
        return deleteAll(ApplicationCredential.list("userId", userId))
                .chain(() -> AccessRule.delete("userId", userId)).replaceWithVoid();
    }

    /** A role the user held on the project was deleted: their credentials on that project go. */
    public Uni<Void> deleteForUserOnProject(String userId, String projectId) {
        return deleteAll(ApplicationCredential.list("userId = ?1 and projectId = ?2", userId, projectId));
    }

    /** Before a role is deleted: the credentials of every user it was granted to on a project, as Keystone does. */
    public Uni<Void> deleteForRole(String roleId) {
        return Assignment.<Assignment>list("roleId = ?1 and type = ?2", roleId, Assignment.USER_PROJECT)
                .chain(grants -> {
                    Map<String, Assignment> distinct = new LinkedHashMap<>();
                    grants.forEach(a -> distinct.put(a.actorId + "/" + a.targetId, a));
                    return Unis.inSequence(distinct.values().stream().<Supplier<Uni<?>>>map(a ->
                            () -> deleteForUserOnProject(a.actorId, a.targetId)).toList());
                });
    }

    private Uni<Void> deleteAll(Uni<List<ApplicationCredential>> found) {
        return found.chain(list -> Unis.inSequence(list.stream().<Supplier<Uni<?>>>map(c -> () -> delete(c))
                .toList()));
    }

    // ---- access rules ----

    public Uni<AccessRule> rule(String userId, String ruleId) {
        return AccessRule.<AccessRule>find("id = ?1 and userId = ?2", ruleId, userId).firstResult().map(r -> {
            if (r == null) {
                throw ApiException.notFound("Could not find Access Rule: " + ruleId + ".");
            }
            return r;
        });
    }

    /** A rule still used by a credential cannot be deleted (Keystone's 403). */
    public Uni<Void> deleteRule(AccessRule rule) {
        return ApplicationCredentialAccessRule.count("accessRuleId", rule.id).chain(n -> {
            if (n > 0) {
                throw ApiException.forbidden("May not delete access rule in use");
            }
            return AccessRule.delete("id", rule.id).replaceWithVoid();
        });
    }

    // ---- authentication ----

    /**
     * {@code "application_credential": {"id", "secret"}} or {@code {"name", "user": {...}, "secret"}}: the
     * credential's owner, scoped to its project with the credential's roles the owner still holds.
     */
    public Uni<Authenticated> authenticate(String id, String name, Uni<User> owner, String secret) {
        Uni<ApplicationCredential> found;
        if (id != null) {
            found = ApplicationCredential.<ApplicationCredential>findById(id).map(c -> {
                if (c == null) {
                    throw ApiException.notFound("Could not find Application Credential: " + id + ".");
                }
                return c;
            });
        } else {
            found = owner.chain(u -> ApplicationCredential.find("userId = ?1 and name = ?2", u.id, name)
                    .<ApplicationCredential>firstResult()).map(c -> {
                        if (c == null) {
                            throw ApiException.unauthorized(AuthService.AUTH_REQUIRED);
                        }
                        return c;
                    });
        }
        return found.chain(c -> hasher.matches(PasswordHasher.truncated(secret), c.secretHash).chain(ok -> {
            if (!ok || c.isExpired(Instant.now())) {
                throw ApiException.unauthorized(AuthService.AUTH_REQUIRED);
            }
            return resume(c);
        }));
    }

    /** The identity a credential gives now (also for a token exchanged for another one without a scope). */
    public Uni<Authenticated> resume(ApplicationCredential c) {
        return User.<User>findById(c.userId).chain(user -> {
            if (user == null || !user.enabled) {
                throw ApiException.unauthorized(AuthService.AUTH_REQUIRED);
            }
            return enabledDomain(user.domainId).chain(userDomain -> Project.<Project>findById(c.projectId)
                    .chain(project -> {
                        if (project == null || !project.enabled) {
                            throw ApiException.unauthorized(AuthService.AUTH_REQUIRED);
                        }
                        return enabledDomain(project.domainId).chain(projectDomain -> details(List.of(c))
                                .chain(d -> roles.onProject(user.id, project).map(held -> {
                                    Set<String> heldIds = new LinkedHashSet<>();
                                    held.forEach(r -> heldIds.add(r.id));
                                    List<Role> effective = d.getFirst().roles().stream()
                                            .filter(r -> heldIds.contains(r.id)).toList();
                                    if (effective.isEmpty()) {
                                        throw ApiException.unauthorized(AuthService.AUTH_REQUIRED);
                                    }
                                    return new Authenticated(user, userDomain, project, projectDomain, effective,
                                            d.getFirst());
                                })));
                    }));
        });
    }

    private static Uni<Domain> enabledDomain(String id) {
        return Domain.<Domain>findById(id).map(d -> {
            if (d == null || !d.enabled) {
                throw ApiException.unauthorized(AuthService.AUTH_REQUIRED);
            }
            return d;
        });
    }

    /** 64 random bytes, URL-safe base64 without padding, as Keystone makes them. */
    static String newSecret() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
