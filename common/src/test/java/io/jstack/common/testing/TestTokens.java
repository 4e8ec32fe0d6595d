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

    /**
     * A token for a user on a project with the given role names. The project is not the admin project (the token
     * says so, as the identity service's do): the admin role here makes a project admin, not a cloud admin.
     */
    public static String token(String userId, String projectId, String... roles) {
        return sign(claims(userId, projectId, Instant.now(), Duration.ofHours(1), roles));
    }

    /** A token on the cloud's admin project: with the admin role, a cloud admin in every service. */
    public static String adminProjectToken(String userId, String projectId, String... roles) {
        return sign(scoped(userId, projectId, true, Instant.now(), Duration.ofHours(1), roles));
    }

    /** A domain-scoped token: with the admin role, an admin of that domain's identity objects only. */
    public static String domainToken(String userId, String domainId, String... roles) {
        Instant now = Instant.now();
        Token.Ref domain = new Token.Ref(domainId, "domain-" + domainId);
        return sign(new Token(new Token.Principal(userId, "user-" + userId, domain), null, domain, refs(roles),
                List.of("password"), now, now.plus(Duration.ofHours(1)), List.of(UUID.randomUUID().toString())));
    }

    public static Token claims(String userId, String projectId, Instant issuedAt, Duration lifetime,
                               String... roles) {
        return scoped(userId, projectId, false, issuedAt, lifetime, roles);
    }

    private static Token scoped(String userId, String projectId, boolean adminProject, Instant issuedAt,
                                Duration lifetime, String... roles) {
        Token.Ref domain = new Token.Ref("default", "Default");
        return new Token(new Token.Principal(userId, "user-" + userId, domain),
                new Token.Scope(projectId, "project-" + projectId, domain), null, refs(roles),
                List.of("password"), issuedAt, issuedAt.plus(lifetime), List.of(UUID.randomUUID().toString()),
                null, null, adminProject, null);
    }

    private static List<Token.Ref> refs(String... roles) {
        return java.util.Arrays.stream(roles).map(r -> new Token.Ref("role-" + r, r)).toList();
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
