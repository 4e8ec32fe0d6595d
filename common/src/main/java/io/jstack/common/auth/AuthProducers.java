package io.jstack.common.auth;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The verifier every service's {@link AuthFilter} uses, over whichever {@link PublicKeys} the service has. */
public class AuthProducers {

    /** Creates the service's key source at start, so keys and revocations are fetched before the first request. */
    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event, PublicKeys keys) {
        keys.getClass();
    }

    @Produces
    @Singleton
    Revocations revocations() {
        return new Revocations();
    }

    @Produces
    @Singleton
    TokenVerifier verifier(PublicKeys keys, Revocations revocations, AuthSettings settings) {
        return new TokenVerifier(keys, revocations, Clock.systemUTC(), settings.tokenCacheSize());
    }
}
