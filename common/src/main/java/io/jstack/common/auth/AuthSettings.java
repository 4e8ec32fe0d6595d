package io.jstack.common.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How a service verifies tokens ({@code jstack.auth.*}). */
@ConfigMapping(prefix = "jstack.auth")
public interface AuthSettings {

    /** The identity service's base URL (for example {@code http://127.0.0.1:5000}), where keys are fetched. */
    Optional<String> identityUrl();

    /** Verified token payloads kept in memory; a miss costs one signature check. */
    @WithDefault("10000")
    int tokenCacheSize();

    /** How often public keys and revocation events are re-read (fanout events arrive sooner). */
    @WithDefault("30s")
    Duration refreshInterval();

    /**
     * This service's type in the catalog ({@code identity}, {@code compute}, {@code image}, ...): application
     * credentials' access rules name it. Unset, tokens restricted by access rules are refused.
     */
    Optional<String> serviceType();

    /**
     * How long after it expired a user token is still accepted when a service token (role {@code service}) comes
     * with it, so that long operations finish (Keystone's {@code allow_expired_window}). The identity service
     * keeps revocation events and signing keys at least this long past a token's expiry.
     */
    @WithDefault("48h")
    Duration allowExpiredWindow();

    /** This service's own user, for calls it makes as a service ({@code X-Service-Token}). */
    ServiceUser serviceUser();

    interface ServiceUser {
        Optional<String> name();

        Optional<String> password();

        @WithDefault("Default")
        String domain();

        @WithDefault("service")
        String project();

        @WithDefault("Default")
        String projectDomain();
    }
}
