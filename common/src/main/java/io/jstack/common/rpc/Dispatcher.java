package io.jstack.common.rpc;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Decides where a handler runs. Handlers that never block (they return a {@code CompletionStage} at once) may
 * run in place on the broker client's delivery thread, which is the fastest path; handlers marked
 * {@link Blocking} must not, since they would stall every other delivery of the connection, and go to a
 * blocking dispatcher (virtual threads by default). Quarkus services dispatch non-blocking handlers onto a
 * Vert.x context instead, where reactive database clients work.
 */
@FunctionalInterface
public interface Dispatcher {
    void dispatch(Runnable handlerInvocation);

    /** Runs the handler on the delivering thread. */
    static Dispatcher inline() {
        return Runnable::run;
    }

    /** One virtual thread per delivery: handlers may block. */
    static Dispatcher virtualThreads() {
        Executor executor = Executors.newVirtualThreadPerTaskExecutor();
        return executor::execute;
    }
}
