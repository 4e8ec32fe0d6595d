package io.jstack.identity.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;

/**
 * Runs CPU-heavy or blocking work (password hashing) off the event loop and resumes on the caller's Vert.x
 * context, where the reactive database session lives.
 */
public final class Workers {
    private Workers() {
    }

    public static <T> Uni<T> run(Callable<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null) {
                try {
                    return Uni.createFrom().item(work.call());
                } catch (Exception e) {
                    return Uni.createFrom().failure(e);
                }
            }
            return Uni.createFrom().completionStage(context.executeBlocking(work, false).toCompletionStage());
        });
    }
}
