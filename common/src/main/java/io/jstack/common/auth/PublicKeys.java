package io.jstack.common.auth;

import java.security.PublicKey;

/** The identity service's token-signing public keys, by key id. */
public interface PublicKeys {
    /** The key with this id, or null when there is none (after a refresh where that makes sense). */
    PublicKey find(String keyId);

    /**
     * Whether keys and revocations are loaded: until then a token cannot be judged (a revoked one could pass),
     * so requests are refused with 503 and the service reports itself not ready.
     */
    default boolean ready() {
        return true;
    }
}
