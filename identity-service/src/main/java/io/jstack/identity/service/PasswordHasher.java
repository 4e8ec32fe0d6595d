package io.jstack.identity.service;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Passwords and application credential secrets are kept only as bcrypt hashes (WildFly Elytron's implementation),
 * salted per secret, at a configurable work factor (Keystone's default 12). Hashing is deliberately slow, so it
 * runs on a worker thread.
 * <p>
 * A check against no hash (an unknown user, a user without a password) verifies against a dummy hash of the same
 * cost instead of answering at once: every failed login costs the same time, so timing does not tell which user
 * names exist.
 */
@ApplicationScoped
public class PasswordHasher {

    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    @Inject
    IdentitySettings settings;

    private String dummyHash;

    @PostConstruct
    void init() {
        int cost = settings.password().bcryptCost();
        if (cost < 4 || cost > 31) {
            throw new IllegalStateException("jstack.identity.password.bcrypt-cost is " + cost
                    + "; bcrypt takes 4 to 31");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        dummyHash = BcryptUtil.bcryptHash(Base64.getEncoder().encodeToString(random), settings.password().bcryptCost());
    }

    public Uni<String> hash(String password) {
        return Workers.run(() -> BcryptUtil.bcryptHash(password, settings.password().bcryptCost()));
    }

    /**
     * Whether the password matches the hash. A null hash never matches, but costs a full check all the same.
     */
    public Uni<Boolean> matches(String password, String hash) {
        String against = hash != null && password != null ? hash : dummyHash;
        String candidate = password != null ? password : "";
        return Workers.run(() -> BcryptUtil.matches(candidate, against) && hash != null && password != null);
    }

    /** Whether a stored hash was made at another work factor than the configured one (re-made on next login). */
    public boolean needsRehash(String hash) {
        Integer cost = cost(hash);
        return cost != null && cost != settings.password().bcryptCost();
    }

    /** The work factor of a modular-crypt bcrypt hash ({@code $2a$12$...}), or null if it is not one. */
    static Integer cost(String hash) {
        if (hash == null || hash.length() < 7 || hash.charAt(0) != '$' || hash.charAt(3) != '$') {
            return null;
        }
        try {
            return Integer.parseInt(hash.substring(4, 6));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A secret cut to the 72 bytes bcrypt reads (as Keystone does for application credential secrets, whose
     * generated form is longer), never splitting a character.
     */
    public static String truncated(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_PASSWORD_BYTES) {
            return secret;
        }
        int end = 0;
        int used = 0;
        while (end < secret.length()) {
            int cp = secret.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > MAX_PASSWORD_BYTES) {
                break;
            }
            used += size;
            end += Character.charCount(cp);
        }
        return secret.substring(0, end);
    }
}
