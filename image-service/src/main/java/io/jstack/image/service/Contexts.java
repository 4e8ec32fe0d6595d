package io.jstack.image.service;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Hibernate Reactive sessions live on Vert.x contexts. Work that runs on other threads (data transfers,
 * imports, timers) reaches the database through here: on a fresh duplicated context of its own, so it never
 * shares a session with a request.
 */
@ApplicationScoped
public class Contexts {

    @Inject
    Vertx vertx;

    /** Continues on {@code context}: the way back from a transfer thread to the request that started it. */
    public static Executor on(Context context) {
        return task -> context.runOnContext(ignored -> task.run());
    }

    public <T> Uni<T> onFreshContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
        });
    }

    /** From a blocking thread: runs the work on a fresh context and waits for its result. */
    public <T> T await(Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        onFreshContext(work).subscribe().with(result::complete, result::completeExceptionally);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
