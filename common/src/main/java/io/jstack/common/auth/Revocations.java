package io.jstack.common.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocation events a verifier knows of. Events for a single token (by audit id) are looked up by key; the
 * rarer broad events (user, project, domain, role) are scanned. Events older than the longest token lifetime are
 * dropped: no token they could match is still valid.
 */
public final class Revocations {

    private final java.util.Map<String, RevocationEvent> auditIndex = new ConcurrentHashMap<>();
    private volatile List<RevocationEvent> broad = List.of();

    public boolean isRevoked(Token token) {
        for (String auditId : token.auditIds()) {
            RevocationEvent event = auditIndex.get(auditId);
            if (event != null && event.matches(token)) {
                return true;
            }
        }
        for (RevocationEvent event : broad) {
            if (event.matches(token)) {
                return true;
            }
        }
        return false;
    }

    public synchronized void add(RevocationEvent event) {
        if (isAuditOnly(event)) {
            auditIndex.merge(event.auditId(), event,
                    (old, neu) -> old.issuedBefore().isAfter(neu.issuedBefore()) ? old : neu);
        } else if (!broad.contains(event)) {
            List<RevocationEvent> next = new ArrayList<>(broad);
            next.add(event);
            broad = List.copyOf(next);
        }
    }

    public synchronized void addAll(Collection<RevocationEvent> events) {
        events.forEach(this::add);
    }

    /** Forgets events revoked before {@code horizon}. */
    public synchronized void prune(Instant horizon) {
        auditIndex.values().removeIf(e -> e.revokedAt() != null && e.revokedAt().isBefore(horizon));
        broad = broad.stream().filter(e -> e.revokedAt() == null || !e.revokedAt().isBefore(horizon)).toList();
    }

    public int size() {
        return auditIndex.size() + broad.size();
    }

    private static boolean isAuditOnly(RevocationEvent e) {
        return e.auditId() != null && e.userId() == null && e.projectId() == null && e.domainId() == null
                && e.roleId() == null;
    }
}
