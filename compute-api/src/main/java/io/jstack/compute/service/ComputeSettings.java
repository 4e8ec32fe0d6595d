package io.jstack.compute.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** compute-api's settings ({@code jstack.compute.*}); defaults are Nova's. */
@ConfigMapping(prefix = "jstack.compute")
public interface ComputeSettings {

    /** The image service's public URL, where images are checked with the caller's token. */
    @WithDefault("http://127.0.0.1:9292")
    String imageUrl();

    /** How long the image service may take to answer. */
    @WithDefault("10s")
    Duration imageTimeout();

    /** A service that has not reported for this long is "down" (Nova's service_down_time). */
    @WithDefault("60s")
    Duration serviceDownTime();

    /** The zone of hosts in no aggregate with a zone, and of instances that asked for none. */
    @WithDefault("nova")
    String defaultAvailabilityZone();

    /** The zone os-services shows for internal services (the conductor). */
    @WithDefault("internal")
    String internalServiceAvailabilityZone();

    /** Generate an admin password for new servers and return it (adminPass). */
    @WithDefault("true")
    boolean enableInstancePassword();

    /** The most items a list returns (and the default page size): Nova's max_limit. */
    @WithDefault("1000")
    int maxLimit();

    /**
     * The most servers one create request makes, whatever the quotas allow: a larger max_count makes this many
     * (as a max_count above the quota makes what fits), a larger min_count is refused. Bounds the work and the
     * rows one request can cost before anything else stops it.
     */
    @WithDefault("1000")
    int maxInstancesPerRequest();

    /** The base URL written into links; by default the URL the request came to. */
    Optional<String> publicUrl();

    /** The outbox of casts whose loss would strand an instance (builds, deletes, server actions). */
    Outbox outbox();

    interface Outbox {
        /** How often the relay looks for messages that are due. */
        @WithDefault("1s")
        Duration relayInterval();

        /**
         * How long a message written may wait for its sender before the relay sends it (the sender died between
         * the commit and the cast).
         */
        @WithDefault("5s")
        Duration unsentGrace();

        /**
         * A sent message whose effect has not shown this long after it was sent is sent again (it was lost, or its
         * handler failed); the wait doubles with each attempt.
         */
        @WithDefault("60s")
        Duration resendAfter();

        /** The longest wait between two attempts of one message. */
        @WithDefault("10m")
        Duration maxBackoff();

        /** Messages one relay round takes at most. */
        @WithDefault("200")
        int batchSize();
    }

    /** Default quota limits (-1: unlimited), unless the quota class "default" overrides them. */
    Quota quota();

    interface Quota {
        @WithDefault("10")
        int instances();

        @WithDefault("20")
        int cores();

        @WithDefault("51200")
        int ram();

        @WithDefault("128")
        int metadataItems();

        @WithDefault("100")
        int keyPairs();

        @WithDefault("10")
        int serverGroups();

        @WithDefault("10")
        int serverGroupMembers();

        @WithDefault("5")
        int injectedFiles();

        @WithDefault("10240")
        int injectedFileContentBytes();

        @WithDefault("255")
        int injectedFilePathBytes();
    }
}
