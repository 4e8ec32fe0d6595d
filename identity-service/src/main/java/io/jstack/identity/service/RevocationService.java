package io.jstack.identity.service;

import io.jstack.common.RequestContext;
import io.jstack.common.auth.IdentityEvents;
import io.jstack.common.auth.RevocationEvent;
import io.jstack.common.auth.Revocations;
import io.jstack.common.rpc.Rpc;
import io.jstack.identity.model.RevocationRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Token revocation: each event is stored (so it survives restarts and reaches verifiers that start later),
 * applied to this replica at once, and broadcast to every verifier (other identity replicas and all services).
 */
@Singleton
public class RevocationService implements IdentityEvents {

    private static final Logger LOG = Logger.getLogger(RevocationService.class);

    @Inject
    TokenHorizon tokenHorizon;

    @Inject
    Revocations revocations;

    @Inject
    IdentitySettings settings;

    @Inject
    Instance<Rpc> rpc;

    @Inject
    SigningKeys signingKeys;

    /** Records and broadcasts an event; runs inside the caller's transaction. */
    public Uni<Void> revoke(RevocationEvent event) {
        RevocationEvent stamped = event.revokedAt() != null ? event : event.revokedAt(Instant.now());
        return RevocationRecord.of(stamped).persist().invoke(() -> {
            revocations.add(stamped);
            broadcast(stamped);
        }).replaceWithVoid();
    }

    /** Everything revoked for users, projects, domains or roles from now on, for tokens issued until now. */
    public Uni<Void> revokeUser(String userId) {
        return revoke(new RevocationEvent(null, userId, null, null, null, Instant.now(), null));
    }

    public Uni<Void> revokeProject(String projectId) {
        return revoke(new RevocationEvent(null, null, projectId, null, null, Instant.now(), null));
    }

    public Uni<Void> revokeDomain(String domainId) {
        return revoke(new RevocationEvent(null, null, null, domainId, null, Instant.now(), null));
    }

    public Uni<Void> revokeRole(String roleId) {
        return revoke(new RevocationEvent(null, null, null, null, roleId, Instant.now(), null));
    }

    public Uni<Void> revokeUserOnProject(String userId, String projectId) {
        return revoke(new RevocationEvent(null, userId, projectId, null, null, Instant.now(), null));
    }

    /**
     * Every token issued through the trust (deleted, or its chain cut). A deleted trust never comes back, so the
     * event covers tokens issued at any time: one that an authentication still signs after the delete committed
     * is revoked too.
     */
    public Uni<Void> revokeTrust(String trustId) {
        return revoke(RevocationEvent.trust(trustId, Instant.now().plus(tokenHorizon.longest())));
    }

    /** Every token issued from the application credential (deleted), whenever issued, as for trusts. */
    public Uni<Void> revokeApplicationCredential(String id) {
        return revoke(RevocationEvent.applicationCredential(id, Instant.now().plus(tokenHorizon.longest())));
    }

    /** Events revoked after {@code since} (all that still matter when null). */
    public Uni<List<RevocationEvent>> since(Instant since) {
        Instant horizon = Instant.now().minus(tokenHorizon.longest());
        Instant from = since == null || since.isBefore(horizon) ? horizon : since;
        return RevocationRecord.<RevocationRecord>list("revokedAt >= ?1 order by revokedAt", from)
                .map(list -> list.stream().map(RevocationRecord::toEvent).toList());
    }

    /** Reads the stored events into this replica's verifier and forgets expired ones (database and memory). */
    public Uni<Void> reload() {
        Instant horizon = Instant.now().minus(tokenHorizon.longest());
        return RevocationRecord.delete("revokedAt < ?1", horizon)
                .chain(() -> since(horizon))
                .invoke(events -> {
                    revocations.addAll(events);
                    revocations.prune(horizon);
                }).replaceWithVoid();
    }

    private void broadcast(RevocationEvent event) {
        try {
            rpc.get().client(IdentityEvents.class).tokensRevoked(RequestContext.internal(), event)
                    .exceptionally(t -> {
                        LOG.warnf("revocation broadcast failed (verifiers will poll): %s", t.getMessage());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.warnf("revocation broadcast failed (verifiers will poll): %s", e.getMessage());
        }
    }

    // ---- events from the other identity replicas ----

    @Override
    public CompletionStage<Void> tokensRevoked(RequestContext context, RevocationEvent event) {
        revocations.add(event);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> signingKeysChanged(RequestContext context) {
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> signingKeys.load())
                .replaceWithVoid().subscribeAsCompletionStage();
    }
}
