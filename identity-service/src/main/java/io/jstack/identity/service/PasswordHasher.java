package io.jstack.identity.service;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Passwords are kept only as bcrypt hashes (WildFly Elytron's implementation), salted per password, with a
 * configurable work factor. Hashing is deliberately slow, so it runs on a worker thread.
 */
@ApplicationScoped
public class PasswordHasher {

    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    @Inject
    IdentitySettings settings;

    public Uni<String> hash(String password) {
        return Workers.run(() -> BcryptUtil.bcryptHash(password, settings.password().bcryptCost()));
    }

    public Uni<Boolean> matches(String password, String hash) {
        if (hash == null || password == null) {
            return Uni.createFrom().item(false);
        }
        return Workers.run(() -> BcryptUtil.matches(password, hash));
    }
}
