package io.jstack.common.rpc;

import java.time.Duration;

/**
 * Where the broker is and how the RPC layer behaves.
 *
 * @param serviceName      names this process's reply queue ({@code reply.<serviceName>.<uuid>}), for operators
 * @param exchange         the direct exchange every RPC topic queue is bound to (by its own name)
 * @param callTimeout      default time a call waits for its reply
 * @param prefetch         unacknowledged deliveries a server binding takes at once (its handler concurrency)
 * @param publishChannels  channels publishing goes through in parallel (each is used by one thread at a time)
 */
public record RpcConfig(String host, int port, String username, String password, String virtualHost,
                        String serviceName, String exchange, Duration callTimeout, int prefetch,
                        int publishChannels) {

    public RpcConfig {
        if (publishChannels < 1) {
            throw new IllegalArgumentException("publishChannels must be at least 1");
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1");
        }
    }

    /** The local broker with RabbitMQ's default account: what tests and the one-machine launcher use. */
    public static RpcConfig local(String serviceName) {
        return new RpcConfig("127.0.0.1", 5672, "guest", "guest", "/", serviceName, "jstack",
                Duration.ofSeconds(60), 64, 4);
    }

    public RpcConfig withCallTimeout(Duration timeout) {
        return new RpcConfig(host, port, username, password, virtualHost, serviceName, exchange, timeout, prefetch,
                publishChannels);
    }

    public RpcConfig withPrefetch(int newPrefetch) {
        return new RpcConfig(host, port, username, password, virtualHost, serviceName, exchange, callTimeout,
                newPrefetch, publishChannels);
    }
}
