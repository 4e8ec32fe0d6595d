package io.jstack.common.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The revocation events a verifier knows of. Events that name only one token (by audit id), one trust or one
 * application credential, the common kinds, are looked up by key; the rarer broad events (user, project, domain,
 * role, and any combination) are scanned. Events older than the longest token lifetime are dropped: no token they
 * could match is still valid.
 */
public final class Revocations {

    /** A kind of single-key event: how to read its key from an event, and the keys a token carries. */
    private record Index(Function<RevocationEvent, String> key, Function<Token, List<String>> tokenKeys,
                         Map<String, RevocationEvent> events) {
    }

    private final List<Index> indexes = List.of(
            new Index(RevocationEvent::auditId, Token::auditIds, new ConcurrentHashMap<>()),
            new Index(RevocationEvent::trustId, t -> single(t.trustId()), new ConcurrentHashMap<>()),
            new Index(RevocationEvent::applicationCredentialId, t -> single(t.applicationCredentialId()),
                    new ConcurrentHashMap<>()));
    private volatile List<RevocationEvent> broad = List.of();

    public boolean isRevoked(Token token) {
        for (Index index : indexes) {
            for (String key : index.tokenKeys().apply(token)) {
                RevocationEvent event = index.events().get(key);
                if (event != null && event.matches(token)) {
                    return true;
                }
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
        Index index = indexFor(event);
        if (index != null) {
            // the later cut-off covers the earlier one
            index.events().merge(index.key().apply(event), event,
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
        for (Index index : indexes) {
            index.events().values().removeIf(e -> e.revokedAt() != null && e.revokedAt().isBefore(horizon));
        }
        broad = broad.stream().filter(e -> e.revokedAt() == null || !e.revokedAt().isBefore(horizon)).toList();
    }

    public int size() {
        return indexes.stream().mapToInt(i -> i.events().size()).sum() + broad.size();
    }

    /** The index of an event that names exactly one key and nothing else, or null for a broad event. */
    private Index indexFor(RevocationEvent e) {
        if (e.userId() != null || e.projectId() != null || e.domainId() != null || e.roleId() != null) {
            return null;
        }
        Index found = null;
        for (Index index : indexes) {
            if (index.key().apply(e) != null) {
                if (found != null) {
                    return null;
                }
                found = index;
            }
        }
        return found;
    }

    private static List<String> single(String key) {
        return key == null ? List.of() : List.of(key);
    }
}
