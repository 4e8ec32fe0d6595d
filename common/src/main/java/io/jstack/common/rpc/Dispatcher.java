package io.jstack.common.rpc;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Decides where a handler runs. The broker client's own threads must never run handler code (a slow handler
 * would stall every other delivery), so each delivery is handed to a dispatcher.
 */
@FunctionalInterface
public interface Dispatcher {
    void dispatch(Runnable handlerInvocation);

    /** One virtual thread per delivery: handlers may block. */
    static Dispatcher virtualThreads() {
        Executor executor = Executors.newVirtualThreadPerTaskExecutor();
        return executor::execute;
    }
}
