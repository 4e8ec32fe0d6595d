package io.jstack.common.quarkus;

import io.jstack.common.rpc.Dispatcher;
import io.jstack.common.rpc.Rpc;
import io.jstack.common.rpc.RpcConfig;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Executor;

/**
 * The service's one {@link Rpc}, connected on first use. Non-blocking handlers run on a fresh duplicated Vert.x
 * context each (where Hibernate Reactive and the reactive clients work, and where one delivery's state never
 * leaks into another's); blocking ones on virtual threads. A caller on a Vert.x context continues there.
 */
public class RpcProducer {

    @Produces
    @Singleton
    Rpc rpc(RpcSettings settings, Vertx vertx, @ConfigProperty(name = "quarkus.application.name") String app) {
        RpcConfig config = new RpcConfig(settings.host(), settings.port(), settings.username(), settings.password(),
                settings.virtualHost(), settings.serviceName().orElse(app), settings.exchange(),
                settings.callTimeout(), settings.prefetch(), settings.publishChannels());
        Dispatcher onEventLoop = task -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> task.run());
        };
        return Rpc.connect(config, onEventLoop, Dispatcher.virtualThreads(), RpcProducer::currentContext);
    }

    void close(@Disposes Rpc rpc) {
        rpc.close();
    }

    private static Executor currentContext() {
        Context context = Vertx.currentContext();
        return context == null ? null : task -> context.runOnContext(ignored -> task.run());
    }
}
