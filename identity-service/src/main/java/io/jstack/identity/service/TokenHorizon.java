package io.jstack.identity.service;

import io.jstack.common.auth.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * How long after it was issued a token may still be accepted anywhere: its expiration plus the window in which a
 * service token lets an expired one through, or the configured maximum lifetime if that is longer. Revocation
 * events and superseded signing keys are kept this long, so no token a service would still accept outlives
 * what revokes or verifies it.
 */
@ApplicationScoped
public class TokenHorizon {

    @Inject
    IdentitySettings settings;

    @Inject
    AuthSettings auth;

    public Duration longest() {
        Duration usable = settings.token().expiration().plus(auth.allowExpiredWindow());
        Duration configured = settings.token().maxLifetime();
        return usable.compareTo(configured) > 0 ? usable : configured;
    }
}
