package io.jstack.common.auth;

import io.jstack.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenVerifierTest {

    private final PublicKeys keys = id -> TestTokens.KEY_ID.equals(id) ? TestTokens.publicKey() : null;

    private TokenVerifier verifier(Instant now, Revocations revocations) {
        return new TokenVerifier(keys, revocations, Clock.fixed(now, ZoneOffset.UTC), 100);
    }

    @Test
    void aSignedTokenVerifiesAndCarriesItsClaims() {
        Instant now = Instant.now();
        String token = TestTokens.sign(TestTokens.claims("u1", "p1", now, Duration.ofHours(1), "member", "reader"));
        Token t = verifier(now, new Revocations()).verify(token);
        assertEquals("u1", t.user().id());
        assertEquals("p1", t.projectId());
        assertEquals(List.of("member", "reader"), t.roleNames());
        assertTrue(t.hasRole("reader"));
    }

    @Test
    void tamperedPayloadIsRejected() {
        Instant now = Instant.now();
        String token = TestTokens.sign(TestTokens.claims("u1", "p1", now, Duration.ofHours(1), "member"));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"member\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        var e = assertThrows(InvalidTokenException.class, () -> verifier(now, new Revocations()).verify(forged));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void unknownKeyGarbageAndOversizedTokensAreRejected() {
        Instant now = Instant.now();
        TokenVerifier v = new TokenVerifier(id -> null, new Revocations(), Clock.systemUTC(), 10);
        String token = TestTokens.sign(TestTokens.claims("u1", "p1", now, Duration.ofHours(1), "member"));
        assertThrows(InvalidTokenException.class, () -> v.verify(token));
        TokenVerifier good = verifier(now, new Revocations());
        for (String bad : List.of("", "abc", "a.b.c", "a.b.c.d", "x".repeat(TokenCodec.MAX_TOKEN_LENGTH + 1),
                "eyJhbGciOiJub25lIn0.e30.",
                // headers of JSON null, an array, a string
                "bnVsbA.e30.AA", "W10.e30.AA", "InN0ciI.e30.AA", "bnVsbA.bnVsbA.AA")) {
            assertThrows(InvalidTokenException.class, () -> good.verify(bad), bad);
        }
    }

    @Test
    void expiredTokenIsRejectedUnlessExpiryIsAllowed() {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        String token = TestTokens.sign(TestTokens.claims("u1", "p1", issued, Duration.ofHours(1), "member"));
        TokenVerifier v = verifier(Instant.now(), new Revocations());
        var e = assertThrows(InvalidTokenException.class, () -> v.verify(token));
        assertTrue(e.getMessage().contains("expired"));
        assertEquals("u1", v.verifyAllowingExpiry(token, Duration.ofHours(48)).user().id());
    }

    @Test
    void anExpiredTokenIsAllowedOnlyWithinTheWindow() {
        Instant issued = Instant.now().minus(Duration.ofHours(50));
        String token = TestTokens.sign(TestTokens.claims("u1", "p1", issued, Duration.ofHours(1), "member"));
        TokenVerifier v = verifier(Instant.now(), new Revocations());
        // expired 49 hours ago: past Keystone's default allow_expired_window of 48 hours
        assertThrows(InvalidTokenException.class, () -> v.verifyAllowingExpiry(token, Duration.ofHours(48)));
        assertEquals("u1", v.verifyAllowingExpiry(token, Duration.ofHours(50)).user().id());
    }

    @Test
    void revocationAppliesToTokensIssuedBeforeItEvenOnceCached() {
        Instant now = Instant.now();
        Token claims = TestTokens.claims("u1", "p1", now.minusSeconds(10), Duration.ofHours(1), "member");
        String token = TestTokens.sign(claims);
        Revocations revocations = new Revocations();
        TokenVerifier v = verifier(now, revocations);
        v.verify(token); // cached now

        revocations.add(new RevocationEvent(null, "u1", null, null, null, now.minusSeconds(5), now));
        assertThrows(InvalidTokenException.class, () -> v.verify(token));

        // a token issued after the event is fine
        String later = TestTokens.sign(TestTokens.claims("u1", "p1", now, Duration.ofHours(1), "member"));
        assertEquals("u1", v.verify(later).user().id());
    }

    @Test
    void revocationEventsMatchOnEveryGivenField() {
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        Token t = TestTokens.claims("u1", "p1", issued, Duration.ofHours(1), "member");
        Instant after = issued.plusSeconds(1);
        assertTrue(new RevocationEvent(t.auditId(), null, null, null, null, after, after).matches(t));
        assertTrue(new RevocationEvent(null, "u1", "p1", null, null, after, after).matches(t));
        assertTrue(new RevocationEvent(null, null, null, "default", null, after, after).matches(t));
        assertTrue(new RevocationEvent(null, null, null, null, "role-member", after, after).matches(t));
        assertTrue(!new RevocationEvent(null, "u1", "p2", null, null, after, after).matches(t));
        assertTrue(!new RevocationEvent(null, "u2", null, null, null, after, after).matches(t));
        assertTrue(!new RevocationEvent(null, null, null, null, "role-admin", after, after).matches(t));
        assertTrue(!new RevocationEvent(null, "u1", null, null, null, issued.minusSeconds(1), after).matches(t));
    }

    @Test
    void prunedEventsNoLongerRevoke() {
        Instant now = Instant.now();
        Token t = TestTokens.claims("u1", "p1", now.minusSeconds(60), Duration.ofHours(1), "member");
        Revocations r = new Revocations();
        r.add(new RevocationEvent(t.auditId(), null, null, null, null, now, now.minus(Duration.ofDays(2))));
        assertTrue(r.isRevoked(t));
        r.prune(now.minus(Duration.ofDays(1)));
        assertTrue(!r.isRevoked(t));
        assertEquals(0, r.size());
    }

    @Test
    void jwkRoundTripGivesTheSameKey() {
        PublicKey key = TestTokens.publicKey();
        Jwk jwk = Jwk.of("k1", (java.security.interfaces.ECPublicKey) key);
        assertEquals("EC", jwk.kty());
        assertEquals(key, jwk.toPublicKey());
    }
}
