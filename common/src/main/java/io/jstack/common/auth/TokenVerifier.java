package io.jstack.common.auth;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies tokens offline: signature against the identity service's public keys, then expiry, then revocation.
 * A signature check costs about a tenth of a millisecond, so verified payloads are remembered (bounded); expiry
 * and revocation are checked on every use.
 */
public final class TokenVerifier {

    private final TokenCodec codec = new TokenCodec();
    private final PublicKeys keys;
    private final Revocations revocations;
    private final Clock clock;
    private final int cacheSize;
    private final Map<String, Token> verified = new ConcurrentHashMap<>();

    public TokenVerifier(PublicKeys keys, Revocations revocations, Clock clock, int cacheSize) {
        this.keys = keys;
        this.revocations = revocations;
        this.clock = clock;
        this.cacheSize = cacheSize;
    }

    /** A valid token's payload; throws {@link InvalidTokenException} for anything else. */
    public Token verify(String compact) {
        Token token = verifyAllowingExpiry(compact);
        if (token.isExpired(clock.instant())) {
            throw new InvalidTokenException("The token has expired");
        }
        return token;
    }

    /**
     * A token that may have expired, but not longer ago than {@code window}: a user token that expired during a
     * long operation is still accepted when it comes with a valid service token, as OpenStack does, within
     * Keystone's {@code allow_expired_window}.
     */
    public Token verifyAllowingExpiry(String compact, Duration window) {
        Token token = verifyAllowingExpiry(compact);
        if (token.isExpired(clock.instant().minus(window))) {
            throw new InvalidTokenException("The token has expired");
        }
        return token;
    }

    /** Signature and revocation only, whenever the token expired. */
    Token verifyAllowingExpiry(String compact) {
        Token token = verified.get(compact);
        if (token == null) {
            token = codec.verifySignature(compact, keys::find);
            if (verified.size() >= cacheSize) {
                verified.clear(); // crude but bounded; a miss costs one signature check
            }
            verified.put(compact, token);
        }
        if (revocations.isRevoked(token)) {
            throw new InvalidTokenException("The token has been revoked");
        }
        return token;
    }

    public Revocations revocations() {
        return revocations;
    }

    public Instant now() {
        return clock.instant();
    }
}
