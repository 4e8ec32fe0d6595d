package io.jstack.common.auth;

import java.security.PublicKey;

/** The identity service's token-signing public keys, by key id. */
public interface PublicKeys {
    /** The key with this id, or null when there is none (after a refresh where that makes sense). */
    PublicKey find(String keyId);
}
