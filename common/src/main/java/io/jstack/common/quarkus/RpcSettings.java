package io.jstack.common.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The message broker and RPC behaviour of a service ({@code jstack.rpc.*}). */
@ConfigMapping(prefix = "jstack.rpc")
public interface RpcSettings {
    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("5672")
    int port();

    @WithDefault("guest")
    String username();

    @WithDefault("guest")
    String password();

    @WithDefault("/")
    String virtualHost();

    /** The direct exchange RPC topic queues are bound to. */
    @WithDefault("jstack")
    String exchange();

    /** Names this process's reply queue; defaults to the application name. */
    Optional<String> serviceName();

    @WithDefault("60s")
    Duration callTimeout();

    /** Deliveries a binding takes before acknowledging (its handler concurrency). */
    @WithDefault("64")
    int prefetch();

    @WithDefault("4")
    int publishChannels();
}
