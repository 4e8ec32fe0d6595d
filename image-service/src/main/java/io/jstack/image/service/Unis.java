package io.jstack.image.service;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Supplier;

/** Small helpers for reactive sessions, which run one operation at a time. */
public final class Unis {
    private Unis() {
    }

    /** Runs the operations one after another (a reactive session forbids running them concurrently). */
    public static Uni<Void> inSequence(List<? extends Supplier<? extends Uni<?>>> operations) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Supplier<? extends Uni<?>> op : operations) {
            chain = chain.chain(() -> op.get().replaceWithVoid());
        }
        return chain;
    }
}
