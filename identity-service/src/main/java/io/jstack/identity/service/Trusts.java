package io.jstack.identity.service;

import io.jstack.common.api.ApiException;
import io.jstack.common.auth.Token;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.Trust;
import io.jstack.identity.model.TrustRole;
import io.jstack.identity.model.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * OS-TRUST, as Keystone has it: a trustor delegates some of their roles on a project to a trustee, who then gets
 * trust-scoped tokens with those roles (acting as the trustor with {@code impersonation}), for as long and as many
 * times as the trust allows. A trust may allow redelegation: its trustee creates, with a token of the trust, a
 * trust of at most the same roles, expiry and impersonation, one level less deep. Deleting a trust deletes the
 * trusts redelegated from it and revokes every token issued through them.
 */
@ApplicationScoped
public class Trusts {

    /** Keystone's Forbidden hides its reason outside debug mode. */
    static final String FORBIDDEN = "You are not authorized to perform the requested action.";
    private static final String ACTION = "You are not authorized to perform the requested action: ";

    @Inject
    RoleResolver roles;

    @Inject
    RevocationService revocation;

    @Inject
    IdentitySettings settings;

    /** What a create request asks for (already checked for shape). */
    public record Request(String trustorUserId, String trusteeUserId, boolean impersonation, String projectId,
                          Integer remainingUses, Instant expiresAt, boolean allowRedelegation,
                          Integer redelegationCount, List<ApplicationCredentials.RoleRef> roles, String extra) {
    }

    /** A trust and the roles it delegates. */
    public record Details(Trust trust, List<Role> roles) {
    }

    /** What a trust-scoped token carries. */
    public record Scoped(Trust trust, User user, Domain userDomain, Project project, Domain projectDomain,
                         List<Role> roles) {
        public Token.Trust claim() {
            return new Token.Trust(trust.id, new Token.UserRef(trust.trustorUserId),
                    new Token.UserRef(trust.trusteeUserId), trust.impersonation);
        }
    }

    // ---- create ----

    public Uni<Details> create(Token caller, Request r) {
        if (r.projectId() != null && (r.roles() == null || r.roles().isEmpty())) {
            throw ApiException.forbidden(ACTION + "At least one role should be specified.");
        }
        Trust t = new Trust();
        t.id = Ids.newId();
        t.trustorUserId = r.trustorUserId();
        t.trusteeUserId = r.trusteeUserId();
        t.projectId = r.projectId();
        t.impersonation = r.impersonation();
        t.remainingUses = r.remainingUses();
        t.expiresAt = r.expiresAt();
        t.extra = r.extra();
        Uni<Trust> parent = caller.trust() == null ? Uni.createFrom().nullItem() : find(caller.trustId());
        return User.<User>findById(r.trusteeUserId()).chain(trustee -> {
            if (trustee == null) {
                throw ApiException.notFound("Could not find user: " + r.trusteeUserId() + ".");
            }
            return roleIds(r.roles());
        }).chain(roleIds -> parent.chain(redelegated -> originalTrustor(redelegated, t)
                .chain(trustor -> requireTrustorHolds(trustor, t.projectId, roleIds))
                .chain(() -> redelegation(t, r, redelegated, roleIds))
                .chain(() -> Trust.count("trustorUserId = ?1 and trusteeUserId = ?2 and projectId = ?3 and "
                        + "impersonation = ?4 and expiresAt = ?5", t.trustorUserId, t.trusteeUserId, t.projectId,
                        t.impersonation, t.expiresAt))
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Conflict occurred attempting to store trust - Duplicate entry "
                                + "found with ID " + t.id + ".");
                    }
                    return t.<Trust>persist();
                })
                .chain(() -> Unis.inSequence(roleIds.stream().<Supplier<Uni<?>>>map(id ->
                        () -> TrustRole.of(t.id, id).persist()).toList()))
                .chain(() -> details(t))));
    }

    private static Uni<List<String>> roleIds(List<ApplicationCredentials.RoleRef> refs) {
        List<String> ids = new ArrayList<>();
        if (refs == null) {
            return Uni.createFrom().item(ids);
        }
        List<Supplier<Uni<?>>> lookups = new ArrayList<>();
        for (ApplicationCredentials.RoleRef ref : refs) {
            if (ref.id() != null) {
                ids.add(ref.id());
            } else {
                lookups.add(() -> Role.<Role>list("name = ?1 order by domainId nulls first", ref.name()).invoke(f -> {
                    if (f.isEmpty()) {
                        throw ApiException.notFound("Could not find role: " + ref.name() + ".");
                    }
                    ids.add(f.getFirst().id);
                }));
            }
        }
        return Unis.inSequence(lookups).map(ignored -> List.copyOf(new LinkedHashSet<>(ids)));
    }

    /** The user at the start of a redelegation chain: whose roles every trust in it delegates. */
    private Uni<String> originalTrustor(Trust redelegated, Trust t) {
        if (redelegated == null) {
            return Uni.createFrom().item(t.trustorUserId);
        }
        return pedigree(redelegated).map(chain -> chain.getLast().trustorUserId);
    }

    /** Every role of the trust must be held by the trustor on its project (any role, on no project, fails). */
    private Uni<Void> requireTrustorHolds(String trustorId, String projectId, List<String> roleIds) {
        Uni<List<Role>> held = projectId == null ? Uni.createFrom().item(List.of())
                : Project.<Project>findById(projectId).chain(p -> {
                    if (p == null) {
                        throw ApiException.notFound("Could not find project: " + projectId + ".");
                    }
                    return roles.onProject(trustorId, p);
                });
        return held.invoke(list -> {
            Set<String> ids = new LinkedHashSet<>();
            list.forEach(r -> ids.add(r.id));
            for (String id : roleIds) {
                if (!ids.contains(id)) {
                    throw ApiException.notFound("Could not find role: " + id + ".");
                }
            }
        }).replaceWithVoid();
    }

    /** Keystone's redelegation rules: depth, uses, expiry, roles and impersonation against the whole chain. */
    private Uni<Void> redelegation(Trust t, Request r, Trust redelegated, List<String> roleIds) {
        int max = settings.trust().maxRedelegationCount();
        Integer requested = r.redelegationCount();
        boolean redelegatable = r.allowRedelegation() && (requested == null || requested != 0);
        if (!redelegatable) {
            t.redelegationCount = 0;
        } else {
            if (requested != null && requested > max) {
                throw ApiException.forbidden(FORBIDDEN);
            }
            if (t.remainingUses != null) {
                throw ApiException.badRequest("remaining_uses must not be set if redelegation is allowed");
            }
            t.redelegationCount = requested != null ? requested : max;
        }
        if (redelegated == null) {
            return Uni.createFrom().voidItem();
        }
        t.redelegatedTrustId = redelegated.id;
        int remaining = redelegated.redelegationCount - 1;
        if (redelegatable && requested != null && requested != remaining) {
            throw ApiException.forbidden(FORBIDDEN);
        }
        if (redelegatable && requested == null) {
            t.redelegationCount = remaining;
        }
        return pedigree(redelegated).chain(chain -> {
            List<Supplier<Uni<?>>> checks = new ArrayList<>();
            for (Trust ancestor : chain) {
                checks.add(() -> TrustRole.<TrustRole>list("trustId", ancestor.id).invoke(ancestorRoles -> {
                    if (ancestor.redelegationCount <= 0 || ancestor.redelegationCount > max) {
                        throw ApiException.forbidden(FORBIDDEN);
                    }
                    if (t.remainingUses != null) {
                        throw ApiException.forbidden(FORBIDDEN);
                    }
                    if (t.expiresAt != null && ancestor.expiresAt != null && ancestor.expiresAt.isBefore(t.expiresAt)) {
                        throw ApiException.forbidden(FORBIDDEN);
                    }
                    if (t.expiresAt == null) {
                        t.expiresAt = ancestor.expiresAt;
                    }
                    Set<String> allowed = new LinkedHashSet<>();
                    ancestorRoles.forEach(ar -> allowed.add(ar.roleId));
                    if (!allowed.containsAll(roleIds)) {
                        throw ApiException.forbidden(FORBIDDEN);
                    }
                    if (!ancestor.impersonation && t.impersonation) {
                        throw ApiException.forbidden(FORBIDDEN);
                    }
                }));
            }
            return Unis.inSequence(checks);
        });
    }

    /** The trust and those it was redelegated from, nearest first. */
    Uni<List<Trust>> pedigree(Trust trust) {
        List<Trust> chain = new ArrayList<>();
        chain.add(trust);
        return ancestors(trust, chain);
    }

    private Uni<List<Trust>> ancestors(Trust t, List<Trust> chain) {
        if (t.redelegatedTrustId == null || chain.size() > 64) {
            return Uni.createFrom().item(chain);
        }
        return Trust.<Trust>findById(t.redelegatedTrustId).chain(parent -> {
            if (parent == null) {
                return Uni.createFrom().item(chain);
            }
            chain.add(parent);
            return ancestors(parent, chain);
        });
    }

    // ---- read, delete ----

    /** A usable trust; an expired or used-up one is as good as gone (404), as in Keystone. */
    public Uni<Trust> find(String id) {
        return Trust.<Trust>findById(id).map(t -> {
            if (t == null || !t.isUsable(Instant.now())) {
                throw ApiException.notFound("Could not find trust: " + id + ".");
            }
            return t;
        });
    }

    public Uni<Details> details(Trust t) {
        return TrustRole.<TrustRole>list("trustId", t.id).chain(rows -> rows.isEmpty()
                ? Uni.createFrom().item(new Details(t, List.of()))
                : Role.<Role>list("id in ?1 order by name", rows.stream().map(r -> r.roleId).toList())
                        .map(list -> new Details(t, list)));
    }

    /** Usable trusts: all of them, or a trustor's, or a trustee's. */
    public Uni<List<Trust>> list(String trustorUserId, String trusteeUserId) {
        Uni<List<Trust>> rows = trustorUserId != null
                ? Trust.list("trustorUserId = ?1 order by createdAt", trustorUserId)
                : trusteeUserId != null ? Trust.list("trusteeUserId = ?1 order by createdAt", trusteeUserId)
                : Trust.list("order by createdAt");
        Instant now = Instant.now();
        return rows.map(list -> list.stream().filter(t -> t.isUsable(now)).toList());
    }

    /** Deletes the trust and those redelegated from it, revoking their tokens everywhere. */
    public Uni<Void> delete(Trust t) {
        return Trust.<Trust>list("redelegatedTrustId", t.id)
                .chain(children -> Unis.inSequence(children.stream().<Supplier<Uni<?>>>map(c -> () -> delete(c))
                        .toList()))
                .chain(() -> Trust.delete("id", t.id))
                .chain(() -> revocation.revokeTrust(t.id));
    }

    /** A user deleted: trusts they are trustor or trustee of go (their rows would go by cascade, silently). */
    public Uni<Void> deleteForUser(String userId) {
        return Trust.<Trust>list("trustorUserId = ?1 or trusteeUserId = ?1", userId)
                .chain(list -> Unis.inSequence(list.stream().<Supplier<Uni<?>>>map(t -> () -> Trust
                        .<Trust>findById(t.id).chain(still -> still == null ? Uni.createFrom().voidItem()
                                : delete(still))).toList()));
    }

    // ---- trust-scoped tokens ----

    /**
     * A token scope {@code {"OS-TRUST:trust": {"id"}}} for the authenticated user, who must be the trustee: checks
     * the trust, its chain and its trustor, takes one of its uses (a compare-and-swap) and gives what the token
     * carries: the trust's roles, with those they imply, that the trustor still holds on the project.
     */
    public Uni<Scoped> scope(User authenticated, String trustId) {
        return Trust.<Trust>findById(trustId).chain(t -> {
            if (t == null || !t.isUsable(Instant.now())) {
                throw ApiException.unauthorized(AuthService.AUTH_REQUIRED);
            }
            if (!authenticated.id.equals(t.trusteeUserId)) {
                throw ApiException.forbidden(FORBIDDEN);
            }
            return pedigree(t).chain(chain -> requireChainEnabled(chain)
                    .chain(() -> User.<User>findById(t.trustorUserId)).chain(trustor -> {
                        if (trustor == null || !trustor.enabled) {
                            throw ApiException.forbidden(FORBIDDEN);
                        }
                        User user = t.impersonation ? trustor : authenticated;
                        return enabledDomain(trustor.domainId)
                                .chain(() -> enabledDomain(authenticated.domainId))
                                .chain(() -> enabledDomain(user.domainId))
                                .chain(userDomain -> scopedRoles(t, chain.getLast().trustorUserId)
                                        .chain(scoped -> consumeUse(t).map(ignored -> new Scoped(t, user, userDomain,
                                                scoped.project(), scoped.projectDomain(), scoped.roles()))));
                    }));
        });
    }

    private record ProjectRoles(Project project, Domain projectDomain, List<Role> roles) {
    }

    private Uni<ProjectRoles> scopedRoles(Trust t, String originalTrustorId) {
        if (t.projectId == null) {
            return Uni.createFrom().item(new ProjectRoles(null, null, List.of()));
        }
        return Project.<Project>findById(t.projectId).chain(project -> {
            if (project == null || !project.enabled) {
                throw ApiException.unauthorized(AuthService.AUTH_REQUIRED);
            }
            return enabledDomain(project.domainId).chain(projectDomain -> TrustRole.<TrustRole>list("trustId", t.id)
                    .chain(rows -> roles.expand(new LinkedHashSet<>(rows.stream().map(r -> r.roleId).toList())))
                    .chain(delegated -> roles.onProject(originalTrustorId, project).map(held -> {
                        Set<String> heldIds = new LinkedHashSet<>();
                        held.forEach(r -> heldIds.add(r.id));
                        List<Role> out = new ArrayList<>();
                        for (Role r : delegated) {
                            if (!heldIds.contains(r.id)) {
                                // the trustor lost a delegated role: the trust gives nothing
                                throw ApiException.forbidden(FORBIDDEN);
                            }
                            if (r.domainId == null) {
                                out.add(r);
                            }
                        }
                        return new ProjectRoles(project, projectDomain, out);
                    })));
        });
    }

    /** Every trustee along a redelegation chain must still be enabled. */
    private static Uni<Void> requireChainEnabled(List<Trust> chain) {
        List<Supplier<Uni<?>>> checks = new ArrayList<>();
        for (Trust ancestor : chain.subList(1, chain.size())) {
            checks.add(() -> User.<User>findById(ancestor.trusteeUserId).invoke(u -> {
                if (u == null || !u.enabled) {
                    throw ApiException.forbidden(FORBIDDEN);
                }
            }));
        }
        return Unis.inSequence(checks);
    }

    /** Takes one use of a limited trust in one conditional update, so two logins never share the last use. */
    private static Uni<Void> consumeUse(Trust t) {
        if (t.remainingUses == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Trust.update(
                        "remainingUses = remainingUses - 1 where id = ?1 and remainingUses > 0", t.id))
                .invoke(updated -> {
                    if (updated == 0) {
                        throw ApiException.forbidden(FORBIDDEN);
                    }
                }).replaceWithVoid();
    }

    private static Uni<Domain> enabledDomain(String id) {
        return Domain.<Domain>findById(id).map(d -> {
            if (d == null || !d.enabled) {
                throw ApiException.unauthorized(AuthService.AUTH_REQUIRED);
            }
            return d;
        });
    }
}
