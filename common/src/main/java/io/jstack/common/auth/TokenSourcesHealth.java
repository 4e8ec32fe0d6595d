package io.jstack.common.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the identity service's keys and revocations are loaded (see {@link PublicKeys#ready()}). */
@Readiness
@ApplicationScoped
public class TokenSourcesHealth implements HealthCheck {

    @Inject
    PublicKeys keys;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("token-verification").status(keys.ready()).build();
    }
}
