package io.jstack.compute.conductor;

import io.jstack.common.auth.PublicKeys;
import io.jstack.common.testing.TestTokens;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.security.PublicKey;

/** In this module's tests, tokens come from {@link TestTokens}: the real filter verifies them with this key. */
@Alternative
@Priority(1)
@Singleton
public class TestKeys implements PublicKeys {
    @Override
    public PublicKey find(String keyId) {
        return TestTokens.KEY_ID.equals(keyId) ? TestTokens.publicKey() : null;
    }
}
