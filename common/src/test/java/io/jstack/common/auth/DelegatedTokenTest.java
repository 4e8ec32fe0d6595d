package io.jstack.common.auth;

import io.jstack.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens issued through trusts and application credentials: what they carry, how they are revoked and limited. */
class DelegatedTokenTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AFTER = ISSUED.plusSeconds(1);

    private static Token delegated(Token.Trust trust, Token.ApplicationCredential credential) {
        Token t = TestTokens.claims("u1", "p1", ISSUED, Duration.ofHours(1), "member");
        return new Token(t.user(), t.project(), t.domain(), t.roles(), t.methods(), t.issuedAt(), t.expiresAt(),
                t.auditIds(), trust, credential);
    }

    private static Token.Trust trust(String id) {
        return new Token.Trust(id, new Token.UserRef("trustor"), new Token.UserRef("u1"), false);
    }

    private static Token.ApplicationCredential credential(String id, List<Token.AccessRule> rules) {
        return new Token.ApplicationCredential(id, "ci", true, rules);
    }

    @Test
    void delegationSurvivesSigningAndVerification() {
        Instant now = Instant.now();
        Token t = TestTokens.claims("u1", "p1", now, Duration.ofHours(1), "member");
        Token d = new Token(t.user(), t.project(), t.domain(), t.roles(), t.methods(), t.issuedAt(), t.expiresAt(),
                t.auditIds(), trust("t1"), credential("ac1",
                List.of(new Token.AccessRule("r1", "image", "GET", "/v2/images"))));
        TokenVerifier v = new TokenVerifier(id -> TestTokens.publicKey(), new Revocations(),
                Clock.fixed(now, ZoneOffset.UTC), 10);
        Token back = v.verify(TestTokens.sign(d));
        assertEquals("t1", back.trustId());
        assertEquals("trustor", back.trust().trustor().id());
        assertEquals("ac1", back.applicationCredentialId());
        assertEquals("/v2/images", back.applicationCredential().accessRules().getFirst().path());
    }

    @Test
    void trustAndApplicationCredentialEventsRevokeOnlyTheirTokens() {
        Token viaTrust = delegated(trust("t1"), null);
        Token viaCredential = delegated(null, credential("ac1", null));
        Token plain = delegated(null, null);
        Revocations r = new Revocations();
        r.add(RevocationEvent.trust("t1", AFTER).revokedAt(AFTER));
        r.add(RevocationEvent.applicationCredential("ac1", AFTER).revokedAt(AFTER));
        assertTrue(r.isRevoked(viaTrust));
        assertTrue(r.isRevoked(viaCredential));
        assertFalse(r.isRevoked(plain));
        assertFalse(r.isRevoked(delegated(trust("t2"), credential("ac2", null))));
        // a token issued after the cut-off is not affected
        assertFalse(RevocationEvent.trust("t1", ISSUED.minusSeconds(1)).matches(viaTrust));
    }

    @Test
    void aUserEventMatchesTheTrustorAndTheTrusteeOfATrustToken() {
        Token viaTrust = delegated(trust("t1"), null);
        assertTrue(new RevocationEvent(null, "trustor", null, null, null, AFTER, AFTER).matches(viaTrust));
        assertTrue(new RevocationEvent(null, "u1", null, null, null, AFTER, AFTER).matches(viaTrust));
        assertFalse(new RevocationEvent(null, "someone", null, null, null, AFTER, AFTER).matches(viaTrust));
    }

    @Test
    void accessRulesLimitTokensToTheRequestsTheyName() {
        Token t = delegated(null, credential("ac1", List.of(
                new Token.AccessRule("r1", "compute", "GET", "/v2.1/servers/*/ips"),
                new Token.AccessRule("r2", "image", "GET", "/v2/images/**"))));
        Optional<String> compute = Optional.of("compute");
        Optional<String> image = Optional.of("image");
        assertTrue(AccessRules.permit(t, compute, "GET", "/v2.1/servers/abc/ips", false));
        assertFalse(AccessRules.permit(t, compute, "GET", "/v2.1/servers/abc/def/ips", false));
        assertFalse(AccessRules.permit(t, compute, "POST", "/v2.1/servers/abc/ips", false));
        assertFalse(AccessRules.permit(t, compute, "GET", "/v2/images/x", false));
        assertTrue(AccessRules.permit(t, image, "GET", "/v2/images/x/file", false));
        assertFalse(AccessRules.permit(t, image, "DELETE", "/v2/images/x", false));
        // a chain a service runs for the user, and validating the token itself, are always allowed
        assertTrue(AccessRules.permit(t, image, "DELETE", "/v2/images/x", true));
        assertTrue(AccessRules.permit(t, Optional.of("identity"), "GET", "/v3/auth/tokens", false));
        // a service that does not know its type refuses restricted tokens
        assertFalse(AccessRules.permit(t, Optional.empty(), "GET", "/v2/images/x", false));
        // tokens without access rules are not limited
        assertTrue(AccessRules.permit(delegated(null, credential("ac2", null)), Optional.empty(), "DELETE", "/x",
                false));
    }

    @Test
    void ruleTemplatesMatchOneSegmentPerPlaceholder() {
        assertTrue(AccessRules.pathMatches("/v2.1/servers/1/ips", "/v2.1/servers/{server_id}/ips"));
        assertFalse(AccessRules.pathMatches("/v2.1/servers//ips", "/v2.1/servers/*/ips"));
        assertTrue(AccessRules.pathMatches("/v2.1/servers.json", "/v2.1/servers.json"));
        assertFalse(AccessRules.pathMatches("/v2.1/serversXjson", "/v2.1/servers.json"));
    }
}
