package io.jstack.compute.conductor;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.rpc.RemoteError;
import io.jstack.common.rpc.Rpc;
import io.jstack.compute.conductor.service.Sweeps;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceActionEvent;
import io.jstack.compute.model.InstanceFault;
import io.jstack.compute.model.Service;
import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing stays stuck: the conductor's sweeps end builds that time out or whose host died, finish deletes nobody
 * else will, roll back task states of dead hosts and lost actions (each a compare-and-swap on what it read); build
 * requests may come more than once; agents can ask what an instance's state is before acting.
 */
@QuarkusTest
class RecoveryTest {

    @Inject
    Rpc rpc;

    @Inject
    Sweeps sweeps;

    private ConductorRpc conductor() {
        return rpc.client(ConductorRpc.class);
    }

    private static RequestContext ctx() {
        return new RequestContext(RequestContext.newRequestId(), "user", "project", null, List.of("member"), null);
    }

    @AfterEach
    void reset() {
        FakeFamily.schedulerBroken = false;
        FakeFamily.selectDelayMillis = 0;
    }

    /** An instance as some step left it: states, host, when it was created and last changed. */
    private static String instance(String vmState, String taskState, String host, Duration age,
                                   Duration sinceUpdate) {
        String uuid = Db.building(RequestContext.newRequestId()).uuid();
        Instant created = Instant.now().minus(age);
        Instant updated = Instant.now().minus(sinceUpdate);
        Db.run(() -> Instance.update("vmState = ?1, taskState = ?2, host = ?3, createdAt = ?4, updatedAt = ?5 "
                + "where uuid = ?6", vmState, taskState, host, created, updated, uuid));
        return uuid;
    }

    /** A compute service that last reported {@code ago}. */
    private static String computeService(Duration ago) {
        String host = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Db.run(() -> {
            Service s = new Service();
            s.uuid = UUID.randomUUID().toString();
            s.host = host;
            s.serviceBinary = "nova-compute";
            s.topic = "compute";
            s.lastSeenUp = Instant.now().minus(ago);
            s.createdAt = s.lastSeenUp;
            s.updatedAt = s.lastSeenUp;
            return s.persist();
        });
        return host;
    }

    private static InstanceFault fault(String uuid) {
        return Db.run(() -> InstanceFault.<InstanceFault>find("instanceUuid = ?1 order by id desc", uuid)
                .firstResult());
    }

    private Sweeps.Report sweep() {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> sweeps.sweep());
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBuildOlderThanTheBuildTimeoutEndsInErrorWithItsClaimReleased() {
        String old = instance(VmStates.BUILDING, TaskStates.SPAWNING, "host-a", Duration.ofHours(2), Duration.ZERO);
        String young = instance(VmStates.BUILDING, TaskStates.SPAWNING, "host-a", Duration.ofMinutes(5),
                Duration.ZERO);
        String beingDeleted = instance(VmStates.BUILDING, TaskStates.DELETING, "host-a", Duration.ofHours(2),
                Duration.ZERO);
        assertTrue(sweep().timedOut() >= 1);

        Instance i = Db.instance(old);
        assertEquals(VmStates.ERROR, i.vmState);
        assertNull(i.taskState);
        assertNull(i.host);
        assertEquals("Instance build timed out. Set to error state.", fault(old).message);
        Db.eventually(() -> FakeFamily.RELEASES.contains(old), "the claim of the timed-out build was not released");
        assertNotNull(Db.run(() -> InstanceActionEvent.<InstanceActionEvent>find("event = ?1 and result = ?2 "
                + "and actionId in (select id from InstanceAction where instanceUuid = ?3)",
                "compute__do_build_and_run_instance", "Error", old).firstResult()));

        assertEquals(VmStates.BUILDING, Db.instance(young).vmState);
        assertEquals(TaskStates.DELETING, Db.instance(beingDeleted).taskState, "a delete always wins");
    }

    @Test
    void buildsAndTasksOnADeadHostEndAndDeletesWithoutAHostFinish() {
        String dead = computeService(Duration.ofMinutes(10));
        String alive = computeService(Duration.ZERO);
        String building = instance(VmStates.BUILDING, TaskStates.SPAWNING, dead, Duration.ofMinutes(1),
                Duration.ZERO);
        String stopping = instance(VmStates.ACTIVE, TaskStates.POWERING_OFF, dead, Duration.ofHours(1),
                Duration.ZERO);
        String buildingOnLiveHost = instance(VmStates.BUILDING, TaskStates.SPAWNING, alive, Duration.ofMinutes(1),
                Duration.ZERO);
        String stoppingOnLiveHost = instance(VmStates.ACTIVE, TaskStates.POWERING_OFF, alive, Duration.ofHours(1),
                Duration.ZERO);
        String deletingWithoutHost = instance(VmStates.ERROR, TaskStates.DELETING, null, Duration.ofHours(1),
                Duration.ZERO);

        Sweeps.Report report = sweep();
        assertTrue(report.onDeadHosts() >= 1 && report.rolledBackOnDeadHosts() >= 1
                && report.deletesFinished() >= 1, report.toString());

        Instance b = Db.instance(building);
        assertEquals(VmStates.ERROR, b.vmState);
        assertNull(b.host);
        assertTrue(fault(building).message.contains("the compute service of " + dead + " is down"),
                fault(building).message);
        Db.eventually(() -> FakeFamily.RELEASES.contains(building), "the claim on the dead host was not released");

        Instance s = Db.instance(stopping);
        assertEquals(VmStates.ACTIVE, s.vmState);
        assertNull(s.taskState, "the stop nobody will do is rolled back");
        assertEquals(dead, s.host);

        assertEquals(TaskStates.SPAWNING, Db.instance(buildingOnLiveHost).taskState);
        assertEquals(TaskStates.POWERING_OFF, Db.instance(stoppingOnLiveHost).taskState);
        assertTrue(Db.instance(deletingWithoutHost).deleted);
    }

    @Test
    void aLostActionIsRolledBackAfterTheTaskStateTimeout() {
        String alive = computeService(Duration.ZERO);
        String lost = instance(VmStates.ACTIVE, TaskStates.PAUSING, alive, Duration.ofHours(1),
                Duration.ofMinutes(30));
        String going = instance(VmStates.ACTIVE, TaskStates.PAUSING, alive, Duration.ofHours(1),
                Duration.ofSeconds(5));
        assertTrue(sweep().lostActions() >= 1);
        assertNull(Db.instance(lost).taskState);
        assertEquals(VmStates.ACTIVE, Db.instance(lost).vmState);
        assertEquals(TaskStates.PAUSING, Db.instance(going).taskState);
    }

    @Test
    void anAgentThatRestartedMidBuildEndsItThroughTheConductor() throws Exception {
        String spawning = instance(VmStates.BUILDING, TaskStates.SPAWNING, "host-a", Duration.ofMinutes(1),
                Duration.ZERO);
        String active = instance(VmStates.ACTIVE, null, "host-a", Duration.ofMinutes(1), Duration.ZERO);
        String elsewhere = instance(VmStates.BUILDING, TaskStates.SPAWNING, "host-b", Duration.ofMinutes(1),
                Duration.ZERO);
        for (String uuid : List.of(spawning, active, elsewhere)) {
            conductor().buildAborted(ctx(), new ConductorRpc.BuildAborted(uuid, "host-a", "agent restarted"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        Instance i = Db.await(spawning, x -> VmStates.ERROR.equals(x.vmState));
        assertNull(i.host);
        assertTrue(fault(spawning).message.contains("restarted"), fault(spawning).message);
        Db.eventually(() -> FakeFamily.RELEASES.contains(spawning), "the claim was not released");
        Thread.sleep(300);
        assertEquals(VmStates.ACTIVE, Db.instance(active).vmState);
        assertEquals(VmStates.BUILDING, Db.instance(elsewhere).vmState);
    }

    @Test
    void agentsReadStatesAndUpdatesCanRequireTheHost() throws Exception {
        RequestContext ctx = ctx();
        String uuid = instance(VmStates.BUILDING, TaskStates.SCHEDULING, "host-a", Duration.ZERO, Duration.ZERO);
        ConductorRpc.InstanceState state = conductor().instanceState(ctx, new ConductorRpc.InstanceQuery(uuid))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("host-a", state.host());
        assertEquals(TaskStates.SCHEDULING, state.taskState());
        assertTrue(conductor().hostInstances(ctx, new ConductorRpc.HostQuery("host-a")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).instances().stream().anyMatch(s -> s.uuid().equals(uuid)));

        // an agent of another host cannot take it over
        ExecutionException wrongHost = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> conductor().instanceUpdate(ctx, new ConductorRpc.InstanceUpdate(uuid, null,
                        TaskStates.BLOCK_DEVICE_MAPPING, false, List.of(TaskStates.SCHEDULING), null, "host-b", null,
                        null, "host-b")).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals("UnexpectedTaskState", ((RemoteError) wrongHost.getCause()).type());
        assertEquals(TaskStates.SCHEDULING, Db.instance(uuid).taskState);
        conductor().instanceUpdate(ctx, new ConductorRpc.InstanceUpdate(uuid, null, TaskStates.BLOCK_DEVICE_MAPPING,
                false, List.of(TaskStates.SCHEDULING), null, "host-a", null, null, "host-a"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(TaskStates.BLOCK_DEVICE_MAPPING, Db.instance(uuid).taskState);

        ExecutionException missing = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> conductor().instanceState(ctx, new ConductorRpc.InstanceQuery(UUID.randomUUID().toString()))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals("InstanceNotFound", ((RemoteError) missing.getCause()).type());
    }

    @Test
    void aBuildRequestHandledTwiceAtOnceBuildsOnceAndKeepsItsClaim() throws Exception {
        FakeFamily.selectDelayMillis = 300;
        RequestContext ctx = ctx();
        InstanceSpec spec = Db.building(ctx.requestId());
        ConductorRpc.BuildInstances request = new ConductorRpc.BuildInstances(List.of(spec), Db.spec());
        CompletableFuture<Void> first = conductor().buildInstances(ctx, request).toCompletableFuture();
        CompletableFuture<Void> second = conductor().buildInstances(ctx, request).toCompletableFuture();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        Db.eventually(() -> FakeFamily.builds("host-a").stream().anyMatch(b -> b.instance().uuid()
                .equals(spec.uuid())), "no build reached host-a");
        Thread.sleep(1000);
        assertEquals(1, FakeFamily.builds("host-a").stream().filter(b -> b.instance().uuid().equals(spec.uuid()))
                .count());
        assertFalse(FakeFamily.RELEASES.contains(spec.uuid()), "the placed instance lost its claim");
        assertEquals("host-a", Db.instance(spec.uuid()).host);
    }

    @Test
    void aPlacedBuildThatNeverStartedIsSentToItsHostAgain() throws Exception {
        RequestContext ctx = ctx();
        InstanceSpec spec = Db.building(ctx.requestId());
        // placed on host-a a while ago, and the conductor that placed it died before casting the build
        Db.run(() -> Instance.update("host = ?1, updatedAt = ?2 where uuid = ?3", "host-a",
                Instant.now().minus(Duration.ofMinutes(2)), spec.uuid()));
        conductor().buildInstances(ctx, new ConductorRpc.BuildInstances(List.of(spec), Db.spec()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Db.eventually(() -> FakeFamily.builds("host-a").stream().anyMatch(b -> b.instance().uuid()
                .equals(spec.uuid())), "the build was not sent again");
        assertTrue(FakeFamily.SELECTS.stream().noneMatch(s -> s.instanceUuids().contains(spec.uuid())),
                "a placed instance is not scheduled again");
    }

    @Test
    void anUnreachableSchedulerLeavesTheBuildWaitingForTheNextAttempt() throws Exception {
        FakeFamily.schedulerBroken = true;
        RequestContext ctx = ctx();
        InstanceSpec spec = Db.building(ctx.requestId());
        conductor().buildInstances(ctx, new ConductorRpc.BuildInstances(List.of(spec), Db.spec()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Db.eventually(() -> FakeFamily.SELECTS.stream().anyMatch(s -> s.instanceUuids().contains(spec.uuid())),
                "the scheduler was not asked");
        Thread.sleep(500);
        Instance waiting = Db.instance(spec.uuid());
        assertEquals(VmStates.BUILDING, waiting.vmState);
        assertEquals(TaskStates.SCHEDULING, waiting.taskState);
        // the request comes again (the outbox's relay) once the scheduler is back
        FakeFamily.schedulerBroken = false;
        conductor().buildInstances(ctx, new ConductorRpc.BuildInstances(List.of(spec), Db.spec()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Db.await(spec.uuid(), x -> "host-a".equals(x.host));
    }
}
