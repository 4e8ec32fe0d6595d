package io.jstack.identity.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The identity service's settings ({@code jstack.identity.*}); defaults are in application.properties. */
@ConfigMapping(prefix = "jstack.identity")
public interface IdentitySettings {

    Token token();

    Password password();

    Signing signing();

    ApplicationCredentials applicationCredential();

    Trusts trust();

    Bootstrap bootstrap();

    AdminProject adminProject();

    /**
     * The cloud's admin project (Keystone's {@code [resource] admin_project_name} and
     * {@code admin_project_domain_name}): tokens scoped to it say {@code is_admin_project: true}, and the admin
     * role there (or on the system scope) is what every service's policy calls the cloud admin. Unset, tokens
     * say nothing and every project's admin counts as a cloud admin, as in a Keystone without it.
     */
    interface AdminProject {
        Optional<String> name();

        @WithDefault("Default")
        String domainName();
    }

    interface Token {
        /** How long a token is valid. */
        @WithDefault("1h")
        Duration expiration();

        /**
         * The longest a token can live. Revocation events and superseded signing keys are kept this long, and at
         * least a token's expiration plus the allowed-expired window ({@code jstack.auth.allow-expired-window}), so
         * nothing a service might still accept is forgotten ({@link TokenHorizon}).
         */
        @WithDefault("24h")
        Duration maxLifetime();
    }

    interface Password {
        /**
         * bcrypt work factor: 2^cost rounds, Keystone's default 12 (0.25 to 0.5 s of one core a login here). An
         * operator may lower it (4 to 31); hashes made at another cost are re-made at this one on the next login.
         */
        @WithDefault("12")
        int bcryptCost();
    }

    interface ApplicationCredentials {
        /** The most application credentials a user may hold; -1 for no limit (Keystone's user_limit). */
        @WithDefault("-1")
        int userLimit();

        /**
         * The most access rules one credential may carry. Its tokens carry the rules, and a token must stay under
         * the size every service accepts.
         */
        @WithDefault("16")
        int maxAccessRules();
    }

    interface Trusts {
        /** How deep a chain of redelegated trusts may go (Keystone's max_redelegation_count). */
        @WithDefault("3")
        int maxRedelegationCount();
    }

    interface Signing {
        /** How often a new signing key is made. */
        @WithDefault("7d")
        Duration rotation();

        /** How long a new key is published before it signs, so every verifier knows it first. */
        @WithDefault("2m")
        Duration activationDelay();
    }

    interface Bootstrap {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("admin")
        String adminUser();

        String adminPassword();

        @WithDefault("admin")
        String adminProject();

        @WithDefault("RegionOne")
        String region();

        /** Host name or address in the catalog's URLs (for example the machine's address). */
        @WithDefault("127.0.0.1")
        String publicHost();

        /**
         * Catalog URLs by service type, overriding the defaults built from {@link #publicHost()} (identity 5000,
         * compute 8774, image 9292, volumev3/block-storage 8776, object-store 8080).
         */
        Map<String, String> endpoints();

        /**
         * The service types to register. A catalog entry for a service that does not run breaks clients (the
         * CLI's {@code quota show} asks every volume endpoint it finds), so a deployment lists what it runs.
         */
        @WithDefault("identity,compute,image,volumev3,block-storage,object-store")
        List<String> services();

        /** Service users (role {@code service} in project {@code service}) for service-to-service calls. */
        @WithDefault("nova,glance,cinder,swift")
        List<String> serviceUsers();

        Optional<String> servicePassword();

        /** An ordinary member user and its project, for people and test suites to use. */
        Optional<String> memberUser();

        @WithDefault("demo")
        String memberProject();

        Optional<String> memberPassword();
    }
}
