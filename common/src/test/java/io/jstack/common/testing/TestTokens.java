package io.jstack.common.testing;

import io.jstack.common.auth.Token;
import io.jstack.common.auth.TokenCodec;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Tokens for a service's own tests, signed with a key made for the test run. A service test registers a
 * {@code PublicKeys} bean answering {@link #KEY_ID} with {@link #publicKey()}, and sends
 * {@link #token(String, String, String...)} as {@code X-Auth-Token}: the service's real filter verifies it.
 * End-to-end tests use tokens from the real identity service instead.
 */
public final class TestTokens {

    public static final String KEY_ID = "test-key";
    private static final KeyPair KEYS = generate();
    private static final TokenCodec CODEC = new TokenCodec();

    private TestTokens() {
    }

    public static PublicKey publicKey() {
        return KEYS.getPublic();
    }

    /** A token for a user on a project with the given role names. */
    public static String token(String userId, String projectId, String... roles) {
        return sign(claims(userId, projectId, Instant.now(), Duration.ofHours(1), roles));
    }

    public static Token claims(String userId, String projectId, Instant issuedAt, Duration lifetime,
                               String... roles) {
        Token.Ref domain = new Token.Ref("default", "Default");
        return new Token(new Token.Principal(userId, "user-" + userId, domain),
                new Token.Scope(projectId, "project-" + projectId, domain), null,
                java.util.Arrays.stream(roles).map(r -> new Token.Ref("role-" + r, r)).toList(),
                List.of("password"), issuedAt, issuedAt.plus(lifetime), List.of(UUID.randomUUID().toString()));
    }

    public static String sign(Token token) {
        return CODEC.sign(token, KEY_ID, KEYS.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
