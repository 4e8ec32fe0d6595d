package io.jstack.identity.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.RequestContext;
import io.jstack.common.auth.IdentityEvents;
import io.jstack.common.auth.Jwk;
import io.jstack.common.auth.PublicKeys;
import io.jstack.common.rpc.Rpc;
import io.jstack.identity.model.SigningKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ES256 keys tokens are signed with, kept in the database so every replica signs with the same keys and
 * restarts keep tokens valid. Rotation: a new key is published ({@code GET /v3/auth/jwks}) an activation delay
 * before it starts signing, so verifiers elsewhere already know it; an old key stays published until no token
 * it signed can still be valid.
 */
@Singleton
public class SigningKeys implements PublicKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    public record Entry(String id, PrivateKey privateKey, ECPublicKey publicKey, Instant createdAt,
                        Instant activatesAt) {
    }

    @Inject
    TokenHorizon tokenHorizon;

    @Inject
    IdentitySettings settings;

    @Inject
    ObjectMapper json;

    @Inject
    Instance<Rpc> rpc;

    private volatile List<Entry> keys = List.of();
    private volatile Map<String, PublicKey> byId = Map.of();

    @Override
    public PublicKey find(String keyId) {
        return byId.get(keyId);
    }

    /** The key that signs now: the newest one already active. */
    public Entry signing() {
        Instant now = Instant.now();
        Entry best = null;
        for (Entry e : keys) {
            if (!e.activatesAt().isAfter(now) && (best == null || e.activatesAt().isAfter(best.activatesAt()))) {
                best = e;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no active signing key: the key store was not loaded");
        }
        return best;
    }

    public List<Jwk> published() {
        return keys.stream().map(e -> Jwk.of(e.id(), e.publicKey())).toList();
    }

    /** Re-reads the keys (another replica changed them). */
    public Uni<Void> load() {
        return SigningKey.<SigningKey>listAll().invoke(this::install).replaceWithVoid();
    }

    /**
     * Loads the keys, creating the first one, staging the next one when the current one is due for rotation,
     * and deleting those no token can still need. Returns whether anything changed.
     */
    public Uni<Boolean> maintain() {
        return Panache.withTransaction(() -> SigningKey.<SigningKey>listAll().flatMap(stored -> {
            Instant now = Instant.now();
            List<SigningKey> all = new ArrayList<>(stored);
            List<java.util.function.Supplier<Uni<?>>> writes = new ArrayList<>();
            boolean changed = false;
            boolean anyActive = all.stream().anyMatch(k -> !k.activatesAt.isAfter(now));
            SigningKey newest = all.stream().max(Comparator.comparing(k -> k.createdAt)).orElse(null);
            if (!anyActive && newest == null) {
                SigningKey first = generate(now, now);
                all.add(first);
                writes.add(first::persist);
                changed = true;
            } else if (newest != null && newest.createdAt.plus(settings.signing().rotation()).isBefore(now)) {
                SigningKey next = generate(now, now.plus(settings.signing().activationDelay()));
                all.add(next);
                writes.add(next::persist);
                changed = true;
            }
            // a key superseded longer ago than any token lives is no longer needed
            List<SigningKey> byActivation = all.stream().sorted(Comparator.comparing(k -> k.activatesAt)).toList();
            for (int i = 0; i < byActivation.size() - 1; i++) {
                SigningKey successor = byActivation.get(i + 1);
                if (!successor.activatesAt.isAfter(now)
                        && successor.activatesAt.plus(tokenHorizon.longest()).isBefore(now)) {
                    SigningKey retired = byActivation.get(i);
                    all.remove(retired);
                    writes.add(retired::delete);
                    changed = true;
                }
            }
            boolean anyChange = changed;
            return Unis.inSequence(writes).map(ignored -> {
                install(all);
                return anyChange;
            });
        })).invoke(changed -> {
            if (changed) {
                announce();
            }
        });
    }

    private void install(List<SigningKey> stored) {
        List<Entry> entries = new ArrayList<>();
        for (SigningKey k : stored) {
            try {
                PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(k.privateKey)));
                ECPublicKey pub = json.readValue(k.publicJwk, Jwk.class).toPublicKey();
                entries.add(new Entry(k.id, priv, pub, k.createdAt, k.activatesAt));
            } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
                LOG.errorf("signing key %s is unreadable and is ignored: %s", k.id, e.getMessage());
            }
        }
        keys = List.copyOf(entries);
        byId = entries.stream().collect(Collectors.toUnmodifiableMap(Entry::id, Entry::publicKey));
    }

    private SigningKey generate(Instant now, Instant activatesAt) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            SigningKey key = new SigningKey();
            key.id = Ids.newId();
            key.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            key.publicJwk = json.writeValueAsString(Jwk.of(key.id, (ECPublicKey) pair.getPublic()));
            key.createdAt = now;
            key.activatesAt = activatesAt;
            LOG.infof("new token signing key %s, signing from %s", key.id, activatesAt);
            return key;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate an ES256 key", e);
        }
    }

    private void announce() {
        try {
            rpc.get().client(IdentityEvents.class).signingKeysChanged(RequestContext.internal())
                    .exceptionally(t -> {
                        LOG.warnf("could not announce the key change (verifiers poll): %s", t.getMessage());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.warnf("could not announce the key change (verifiers poll): %s", e.getMessage());
        }
    }
}
