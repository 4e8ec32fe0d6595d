package io.jstack.compute.agent.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.ConductorRpc.InstanceState;
import io.jstack.common.compute.ConductorRpc.InstanceUpdate;
import io.jstack.common.rpc.RemoteError;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The agent's conductor calls outlast a conductor that is briefly away, and never apply an update twice. */
class ConductorRetryTest {

    /** A conductor whose first {@code failures} answers are lost (the update itself is applied). */
    private static final class Flaky {
        String taskState = "scheduling";
        final AtomicInteger calls = new AtomicInteger();
        final int failures;

        Flaky(int failures) {
            this.failures = failures;
        }

        ConductorRpc rpc() {
            return (ConductorRpc) Proxy.newProxyInstance(ConductorRpc.class.getClassLoader(),
                    new Class<?>[]{ConductorRpc.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "instanceUpdate" -> update((InstanceUpdate) args[1]);
                        case "instanceState" -> CompletableFuture.completedFuture(state());
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private synchronized CompletableFuture<InstanceState> update(InstanceUpdate u) {
            int n = calls.incrementAndGet();
            if (!u.expectedTaskStates().contains(taskState)) {
                return CompletableFuture.failedFuture(new RemoteError("UnexpectedTaskState", "task is " + taskState));
            }
            taskState = u.taskState();
            if (n <= failures) {
                // applied, but the answer never came back (the conductor died, its database went away)
                return CompletableFuture.failedFuture(new RemoteError("io.vertx.sqlclient.ClosedConnectionException",
                        "connection lost"));
            }
            return CompletableFuture.completedFuture(state());
        }

        private synchronized InstanceState state() {
            return new InstanceState("u", "building", taskState, 0, "h1", false);
        }
    }

    private static InstanceUpdate toSpawning() {
        return new InstanceUpdate("u", null, "spawning", false, List.of("scheduling"), null, null, null, null, "h1");
    }

    @Test
    void anUpdateWhoseAnswerWasLostIsTriedAgainAndCountsAsDone() {
        Flaky flaky = new Flaky(1);
        Conductor conductor = new Conductor(flaky.rpc(), Duration.ofSeconds(5), Duration.ofSeconds(10));
        InstanceState state = conductor.update(RequestContext.internal(), toSpawning());
        assertEquals("spawning", state.taskState());
        assertEquals(2, flaky.calls.get());
    }

    @Test
    void withoutRetriesTheFailureIsTheCallers() {
        Flaky flaky = new Flaky(1);
        Conductor conductor = new Conductor(flaky.rpc(), Duration.ofSeconds(5));
        assertThrows(Conductor.ConductorFailure.class, () -> conductor.update(RequestContext.internal(),
                toSpawning()));
    }

    @Test
    void aRefusalOfTheFirstAttemptIsNotMistakenForSuccess() {
        Flaky flaky = new Flaky(0);
        flaky.taskState = "deleting";
        Conductor conductor = new Conductor(flaky.rpc(), Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThrows(Conductor.UnexpectedTaskState.class, () -> conductor.update(RequestContext.internal(),
                toSpawning()));
    }
}
