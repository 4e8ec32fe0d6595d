package io.jstack.common.rpc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as an RPC API: the client side gets a proxy of it, the server side binds an implementation.
 * Every method takes a {@link io.jstack.common.RequestContext} and at most one argument record, and returns a
 * {@code CompletionStage}. Method names travel in snake_case ({@code buildInstances} becomes
 * {@code build_instances}), as in OpenStack, unless {@link Method} names them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RpcApi {
    /** The default topic (queue name), for example {@code conductor}. Per-host topics are given at bind time. */
    String topic() default "";

    /** The API version carried in every message; the server refuses a different major version. */
    String version() default "1.0";

    /** Fire-and-forget: durable queue, persistent message, completes when the broker confirms it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Cast {
    }

    /** Delivered to every live replica serving the topic (not stored for absent ones). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Fanout {
    }

    /** Overrides the wire name of a method. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Method {
        String value();
    }
}
